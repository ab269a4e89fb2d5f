using System;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// How hard deriving the key that encrypts a secret key file is: libsodium's scrypt <c>opslimit</c> and
/// <c>memlimit</c>, stored in the file so any reader (minisign included) derives with the same cost.
/// </summary>
/// <param name="OpsLimit">The scrypt operations limit.</param>
/// <param name="MemLimit">The scrypt memory limit in bytes.</param>
public readonly record struct MinisignKdfLimits(ulong OpsLimit, ulong MemLimit)
{
    /// <summary>
    /// What minisign writes (libsodium's <c>OPSLIMIT_SENSITIVE</c> and <c>MEMLIMIT_SENSITIVE</c>): 1 GiB of
    /// memory and a few seconds per signing.
    /// </summary>
    public static MinisignKdfLimits Sensitive { get; } = new(33_554_432, 1_073_741_824);

    /// <summary>
    /// libsodium's <c>OPSLIMIT_INTERACTIVE</c> and <c>MEMLIMIT_INTERACTIVE</c>: 16 MiB and well under a
    /// second; for machines that cannot spare the memory, at the price of cheaper guessing.
    /// </summary>
    public static MinisignKdfLimits Interactive { get; } = new(524_288, 16_777_216);

    /// <summary>
    /// The most a key file may ask for when read: twice minisign's own cost. A file asking for more is
    /// refused rather than allowed to exhaust the machine's memory.
    /// </summary>
    internal static MinisignKdfLimits MaximumAccepted { get; } = new(Sensitive.OpsLimit * 2, Sensitive.MemLimit * 2);

    /// <summary>
    /// scrypt's N (as log2), r and p for these limits, chosen exactly as libsodium's
    /// <c>crypto_pwhash_scryptsalsa208sha256</c> chooses them (its <c>pickparams</c>), so the stream this
    /// library derives is the one minisign derives.
    /// </summary>
    internal (int CostLog2, int BlockSize, int Parallelization) ToScryptParameters()
    {
        var opslimit = Math.Max(OpsLimit, 32_768UL);
        const ulong r = 8;
        int costLog2;
        ulong p;
        if (opslimit < MemLimit / 32)
        {
            p = 1;
            var maxN = opslimit / (r * 4);
            costLog2 = SmallestLog2Above(maxN / 2);
        }
        else
        {
            var maxN = MemLimit / (r * 128);
            costLog2 = SmallestLog2Above(maxN / 2);
            var maxrp = Math.Min((opslimit / 4) / (1UL << costLog2), 0x3fffffffUL);
            p = (uint)maxrp / r;
        }
        return (costLog2, (int)r, (int)p);
    }

    private static int SmallestLog2Above(ulong bound)
    {
        var log2 = 1;
        while (log2 < 63 && (1UL << log2) <= bound)
        {
            log2++;
        }
        return log2;
    }
}
