using System.Globalization;
using System.IO;

namespace SkillRt.RegistryLoad;

/// <summary>A process's resident memory now (VmRSS) and at its peak (VmHWM), from /proc, in MB.</summary>
internal static class ProcessMemory
{
    public static (double CurrentMb, double PeakMb) Read(int processId)
    {
        if (processId <= 0 || !File.Exists($"/proc/{processId}/status"))
        {
            return (double.NaN, double.NaN);
        }

        double current = double.NaN, peak = double.NaN;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", System.StringComparison.Ordinal))
            {
                current = Kilobytes(line) / 1024;
            }
            else if (line.StartsWith("VmHWM:", System.StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024;
            }
        }

        return (current, peak);
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
