using System;
using System.Net;

namespace SkillRt.Server.Hosting;

/// <summary>
/// Which bucket a request draws from: the budget, and the key or the client address. A value type, so
/// choosing the bucket allocates nothing per request (IPAddress and Guid compare by value).
/// </summary>
internal readonly record struct RateLimitPartitionKey(RateLimitBudget Budget, Guid KeyId, IPAddress? Address);
