namespace DistillGuard.Core.Log;

public sealed partial class MergedExchangeReader
{
    /// <summary>Allocation-free enumerator; each <see cref="Current"/> is valid until the next <see cref="MoveNext"/>.</summary>
    public readonly struct Enumerator
    {
        private readonly MergedExchangeReader _reader;

        internal Enumerator(MergedExchangeReader reader) => _reader = reader;

        public Exchange Current => _reader.Current;

        public bool MoveNext() => _reader.MoveNext();
    }
}
