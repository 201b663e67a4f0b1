namespace NearshoreHub.Matching;

/// <summary>Strings packed as UTF-8, each followed by a zero byte so no match spans two; entry i starts at Starts[i].</summary>
internal sealed class PackedText(byte[] text, int[] starts, int count)
{
    public byte[] Text { get; } = text;

    public int[] Starts { get; } = starts;

    public int Count { get; } = count;

    public static PackedText Extend(PackedText? previous, string[] items, int count)
    {
        var known = previous?.Count ?? 0;
        var length = previous is null ? 0 : previous.Starts[known];
        for (var i = known; i < count; i++)
        {
            length += System.Text.Encoding.UTF8.GetByteCount(items[i]) + 1;
        }

        var text = new byte[length];
        var starts = new int[count + 1];
        if (previous is not null)
        {
            Array.Copy(previous.Text, text, previous.Starts[known]);
            Array.Copy(previous.Starts, starts, known + 1);
        }

        for (var i = known; i < count; i++)
        {
            starts[i + 1] = starts[i] + System.Text.Encoding.UTF8.GetBytes(items[i], text.AsSpan(starts[i])) + 1;
        }

        return new PackedText(text, starts, count);
    }
}
