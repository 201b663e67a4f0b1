namespace NearshoreHub.Matching;

public sealed record ShareRow(string Key, int Count, double Share);
