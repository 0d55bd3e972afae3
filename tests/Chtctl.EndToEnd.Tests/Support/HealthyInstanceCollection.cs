namespace Chtctl.EndToEnd.Tests.Support;

/// <summary>
/// The test classes that share <see cref="HealthyInstanceFixture"/>. xunit runs a collection's tests one at a time, so
/// a test that changes the instance (kills CouchDB, writes a document) puts it back before the next one reads it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HealthyInstanceCollection : ICollectionFixture<HealthyInstanceFixture>
{
    public const string Name = "healthy instance";
}
