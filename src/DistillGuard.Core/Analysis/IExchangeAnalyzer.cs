using DistillGuard.Core.Log;

namespace DistillGuard.Core.Analysis;

/// <summary>Per-exchange analysis: turns an <see cref="Exchange"/> into <see cref="ExchangeFeatures"/>. Thread-safe.</summary>
public interface IExchangeAnalyzer
{
    ExchangeFeatures Analyze(Exchange exchange);
}
