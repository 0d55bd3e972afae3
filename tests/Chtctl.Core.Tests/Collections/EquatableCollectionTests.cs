using Chtctl.Core.Collections;

namespace Chtctl.Core.Tests.Collections;

public sealed class EquatableCollectionTests
{
    [Fact]
    public void Lists_with_the_same_items_in_the_same_order_are_equal_with_equal_hashes()
    {
        EquatableList<string> a = ["worker-1", "worker-2"];
        var b = EquatableList.From(new List<string> { "worker-1", "worker-2" });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, EquatableList.From(["worker-2", "worker-1"]));
        Assert.NotEqual(a, EquatableList.From(["worker-1"]));
        Assert.Same(EquatableList<string>.Empty, EquatableList.From(Array.Empty<string>()));
        Assert.Equal("[worker-1, worker-2]", a.ToString());
    }

    [Fact]
    public void Dictionaries_are_equal_whatever_the_order_and_enumerate_in_the_order_given()
    {
        var a = EquatableDictionary<string, string>.From(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["b"] = "2", ["a"] = "1" });
        var b = EquatableDictionary<string, string>.From([new("b", "2"), new("a", "1")]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(["a", "b"], a.Keys);
        Assert.Equal(["b", "a"], b.Keys);
        Assert.Equal("1", a["a"]);
        Assert.NotEqual(a, EquatableDictionary<string, string>.From([new("a", "1"), new("b", "3")]));
        Assert.NotEqual(a, EquatableDictionary<string, string>.From([new("a", "1")]));
    }
}
