using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace NearshoreHub.Web.Tests.Infrastructure;

/// <summary>Every Serilog event the app writes, kept in memory: register it as an ILogEventSink service.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyCollection<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>All an event carries that a log store would keep: message, template, every property, the exception.</summary>
    public static string Text(LogEvent logEvent) => string.Join('\n',
        new[] { logEvent.MessageTemplate.Text, logEvent.RenderMessage(), logEvent.Exception?.ToString() ?? "" }
            .Concat(logEvent.Properties.Select(p => $"{p.Key}={p.Value}")));
}
