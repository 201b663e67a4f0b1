using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

internal readonly record struct ScheduleGroup(int Zone, long StartTick, long EndTick, WorkDays Days);
