using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NearshoreHub.Web.Features.Common;

public static class JsonSetup
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new EnumNameConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new HourMinuteConverter());
        options.Converters.Add(new UtcInstantConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}

/// <summary>
/// Enums travel as their names, through <see cref="JsonStringEnumConverter"/>, except that a value is one name: that
/// converter also reads comma-joined names ("mid, senior") as their bitwise or, which for these enums silently names
/// another value (the CSV import reads names the same way, see <see cref="EnumNames"/>).
/// </summary>
public sealed class EnumNameConverter(JsonNamingPolicy naming) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(naming, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => _names.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OneName<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class OneName<T>(JsonConverter<T> names) : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains(',', StringComparison.Ordinal))
            {
                throw new JsonException($"One value of {typeof(T).Name} is expected, not a list.");
            }

            return names.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => names.Write(writer, value, options);
    }
}

/// <summary>Times of day travel as "HH:mm".</summary>
public sealed class HourMinuteConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["HH:mm", "H:mm", "HH:mm:ss"];

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && TimeOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        throw new JsonException("Expected a time of day as HH:mm.");
    }

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
}

/// <summary>Instants travel as ISO-8601 UTC ("2027-03-14T09:00:00Z").</summary>
public sealed class UtcInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
