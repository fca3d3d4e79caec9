using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Auth;
using DistillGuard.Gateway.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Store;

/// <summary>
/// The SQLite store: accounts, hashed API keys and verdict overrides. Only admin operations and start-up touch
/// it (the request path reads in-memory indexes), so one connection behind a lock is enough.
/// </summary>
internal sealed partial class GatewayStore : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SqliteConnection _connection;

    public GatewayStore(IOptions<GatewayOptions> options)
    {
        var path = Path.GetFullPath(options.Value.Store.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS accounts (
                account_id TEXT PRIMARY KEY, created_at TEXT, signup_channel TEXT, payment_fingerprint TEXT,
                email_domain TEXT, billing_country TEXT, verified INTEGER, org_id TEXT);
            CREATE TABLE IF NOT EXISTS api_keys (
                key_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL, revoked_at TEXT);
            CREATE TABLE IF NOT EXISTS overrides (
                account_id TEXT PRIMARY KEY, verdict TEXT NOT NULL, reason TEXT, created_at TEXT NOT NULL);
            """);
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_lock)
        {
            using var command = Command(sql, parameters);
            command.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        lock (_lock)
        {
            using var command = Command(sql, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    private static string Time(DateTime utc) => LogNames.FormatTime(utc);

    private static DateTime ParseTime(string value) =>
        DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Verdict name as stored.</summary>
    private static Verdict ParseVerdict(string value) => VerdictNames.TryParse(value, out var verdict) ? verdict : Verdict.Allow;

    internal static KeyHash ParseHash(string hex) => KeyHash.FromHex(hex);
}
