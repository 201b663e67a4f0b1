namespace NearshoreHub.Matching;
internal static class AssemblyMarker;
