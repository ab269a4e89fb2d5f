using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// Looks up TXT records with DnsClient, through the configured servers
/// (<see cref="NamespaceOptions.DnsServers"/>) or the system's. Never throws for a DNS failure: a
/// timeout, an unreachable server or an error answer is a <see cref="TxtLookupOutcome.Failed"/> result
/// with a message the API passes on. Nothing is cached, so a record just published is seen at once.
/// </summary>
internal sealed class DnsTxtLookup
{
    private readonly LookupClient _client;
    private readonly string _servers;

    public DnsTxtLookup(IOptions<NamespaceOptions> options)
    {
        var settings = options.Value;
        var servers = settings.DnsServers.Select(ParseServer).OfType<IPEndPoint>().ToArray();
        var lookupOptions = servers.Length > 0 ? new LookupClientOptions(servers) : new LookupClientOptions();
        lookupOptions.Timeout = settings.DnsTimeout;
        lookupOptions.Retries = settings.DnsRetries;
        lookupOptions.UseCache = false;
        lookupOptions.ThrowDnsErrors = false;
        lookupOptions.ContinueOnDnsError = true;
        _client = new LookupClient(lookupOptions);
        _servers = servers.Length > 0 ? string.Join(", ", servers.Select(s => s.ToString())) : "the system's DNS servers";
    }

    /// <summary>The TXT records of <paramref name="name"/>.</summary>
    public async Task<TxtLookupResult> LookupAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            {
                return new TxtLookupResult(TxtLookupOutcome.NoSuchName, []);
            }

            if (response.HasError)
            {
                return new TxtLookupResult(TxtLookupOutcome.Failed, [], $"{_servers} answered {response.Header.ResponseCode} for {name}");
            }

            var texts = response.Answers.TxtRecords().Select(record => string.Concat(record.Text)).ToList();
            return new TxtLookupResult(texts.Count > 0 ? TxtLookupOutcome.Found : TxtLookupOutcome.NoRecords, texts);
        }
        catch (DnsResponseException exception) when (exception.Code == DnsResponseCode.ConnectionTimeout)
        {
            return new TxtLookupResult(TxtLookupOutcome.Failed, [], $"{_servers} did not answer for {name} within {_client.Settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({_client.Settings.Retries} retries)");
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new TxtLookupResult(TxtLookupOutcome.Failed, [], $"{_servers} did not answer for {name} in time");
        }
        catch (Exception exception) when (exception is DnsResponseException or SocketException or ArgumentException)
        {
            return new TxtLookupResult(TxtLookupOutcome.Failed, [], $"the lookup of {name} through {_servers} failed: {exception.Message}");
        }
    }

    /// <summary><c>1.1.1.1</c>, <c>127.0.0.1:5353</c>, <c>[::1]:53</c> or <c>::1</c> as an endpoint (port 53 by default); null if it is none.</summary>
    public static IPEndPoint? ParseServer(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new IPEndPoint(address, 53);
        }

        return IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 ? endpoint : null;
    }
}
