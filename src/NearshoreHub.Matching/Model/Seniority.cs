namespace NearshoreHub.Matching;

public enum Seniority
{
    Junior = 1,
    Mid,
    Senior,
    Lead,
}
