using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Tombstones for snapshot ordinals, copy-on-write in 32 768-ordinal chunks.</summary>
internal sealed class Tombstones
{
    private const int ChunkBits = 15;
    private const int WordsPerChunk = (1 << ChunkBits) / 64;
    private readonly ulong[]?[] _chunks;

    private Tombstones(ulong[]?[] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    public int Count { get; }

    public static Tombstones Empty(int ordinals) => new(new ulong[]?[(ordinals >> ChunkBits) + 1], 0);

    public bool Contains(int ordinal)
    {
        var chunk = _chunks[ordinal >> ChunkBits];
        return chunk is not null && (chunk[(ordinal >> 6) & (WordsPerChunk - 1)] & (1UL << ordinal)) != 0;
    }

    public IEnumerable<int> Ordinals()
    {
        for (var c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c] is not { } chunk)
            {
                continue;
            }

            for (var w = 0; w < chunk.Length; w++)
            {
                var word = chunk[w];
                while (word != 0)
                {
                    yield return (c << ChunkBits) + (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                }
            }
        }
    }

    public Tombstones With(int ordinal)
    {
        if (Contains(ordinal))
        {
            return this;
        }

        var chunks = (ulong[]?[])_chunks.Clone();
        var index = ordinal >> ChunkBits;
        var chunk = chunks[index] is { } existing ? (ulong[])existing.Clone() : new ulong[WordsPerChunk];
        chunk[(ordinal >> 6) & (WordsPerChunk - 1)] |= 1UL << ordinal;
        chunks[index] = chunk;
        return new Tombstones(chunks, Count + 1);
    }
}
