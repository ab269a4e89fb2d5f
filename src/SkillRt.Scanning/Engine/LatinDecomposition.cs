using System.Collections.Generic;
using System.Text;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// Canonical decomposition (NFD) of Latin text without ICU, for comparing names. The server and the
/// CLI run with <c>InvariantGlobalization</c>, where <see cref="string.Normalize()"/> returns its input
/// unchanged, so <c>caf\u00E9</c> and <c>cafe\u0301</c> would compare different there and equal wherever ICU
/// is loaded. This map gives the same answer everywhere, so a package's verdict does not depend on the
/// process that scans it. Coverage: every precomposed letter of Latin-1 Supplement, Latin Extended-A,
/// Latin Extended-B and Latin Extended Additional (U+00C0–U+024F, U+1E00–U+1EFF) that decomposes into a
/// Latin letter and combining diacritical marks (U+0300–U+036F), fully decomposed (496 letters), plus
/// the four marks that are themselves singletons (U+0340, U+0341, U+0343, U+0344); runs of marks are then
/// put in canonical order by their combining class. Other scripts (Greek, Cyrillic, Hangul…) and
/// compatibility forms are left as they are.
/// </summary>
internal static class LatinDecomposition
{
    // Generated from .NET's NormalizationForm.FormD with ICU: each entry is the precomposed character
    // followed by its full canonical decomposition, entries separated by '|'.
    private const string Table =
        "\u00C0A\u0300|\u00C1A\u0301|\u00C2A\u0302|\u00C3A\u0303|\u00C4A\u0308|\u00C5A\u030A|\u00C7C\u0327|\u00C8E\u0300|\u00C9E\u0301|\u00CAE\u0302|"
        + "\u00CBE\u0308|\u00CCI\u0300|\u00CDI\u0301|\u00CEI\u0302|\u00CFI\u0308|\u00D1N\u0303|\u00D2O\u0300|\u00D3O\u0301|\u00D4O\u0302|\u00D5O\u0303|"
        + "\u00D6O\u0308|\u00D9U\u0300|\u00DAU\u0301|\u00DBU\u0302|\u00DCU\u0308|\u00DDY\u0301|\u00E0a\u0300|\u00E1a\u0301|\u00E2a\u0302|\u00E3a\u0303|"
        + "\u00E4a\u0308|\u00E5a\u030A|\u00E7c\u0327|\u00E8e\u0300|\u00E9e\u0301|\u00EAe\u0302|\u00EBe\u0308|\u00ECi\u0300|\u00EDi\u0301|\u00EEi\u0302|"
        + "\u00EFi\u0308|\u00F1n\u0303|\u00F2o\u0300|\u00F3o\u0301|\u00F4o\u0302|\u00F5o\u0303|\u00F6o\u0308|\u00F9u\u0300|\u00FAu\u0301|\u00FBu\u0302|"
        + "\u00FCu\u0308|\u00FDy\u0301|\u00FFy\u0308|\u0100A\u0304|\u0101a\u0304|\u0102A\u0306|\u0103a\u0306|\u0104A\u0328|\u0105a\u0328|\u0106C\u0301|"
        + "\u0107c\u0301|\u0108C\u0302|\u0109c\u0302|\u010AC\u0307|\u010Bc\u0307|\u010CC\u030C|\u010Dc\u030C|\u010ED\u030C|\u010Fd\u030C|\u0112E\u0304|"
        + "\u0113e\u0304|\u0114E\u0306|\u0115e\u0306|\u0116E\u0307|\u0117e\u0307|\u0118E\u0328|\u0119e\u0328|\u011AE\u030C|\u011Be\u030C|\u011CG\u0302|"
        + "\u011Dg\u0302|\u011EG\u0306|\u011Fg\u0306|\u0120G\u0307|\u0121g\u0307|\u0122G\u0327|\u0123g\u0327|\u0124H\u0302|\u0125h\u0302|\u0128I\u0303|"
        + "\u0129i\u0303|\u012AI\u0304|\u012Bi\u0304|\u012CI\u0306|\u012Di\u0306|\u012EI\u0328|\u012Fi\u0328|\u0130I\u0307|\u0134J\u0302|\u0135j\u0302|"
        + "\u0136K\u0327|\u0137k\u0327|\u0139L\u0301|\u013Al\u0301|\u013BL\u0327|\u013Cl\u0327|\u013DL\u030C|\u013El\u030C|\u0143N\u0301|\u0144n\u0301|"
        + "\u0145N\u0327|\u0146n\u0327|\u0147N\u030C|\u0148n\u030C|\u014CO\u0304|\u014Do\u0304|\u014EO\u0306|\u014Fo\u0306|\u0150O\u030B|\u0151o\u030B|"
        + "\u0154R\u0301|\u0155r\u0301|\u0156R\u0327|\u0157r\u0327|\u0158R\u030C|\u0159r\u030C|\u015AS\u0301|\u015Bs\u0301|\u015CS\u0302|\u015Ds\u0302|"
        + "\u015ES\u0327|\u015Fs\u0327|\u0160S\u030C|\u0161s\u030C|\u0162T\u0327|\u0163t\u0327|\u0164T\u030C|\u0165t\u030C|\u0168U\u0303|\u0169u\u0303|"
        + "\u016AU\u0304|\u016Bu\u0304|\u016CU\u0306|\u016Du\u0306|\u016EU\u030A|\u016Fu\u030A|\u0170U\u030B|\u0171u\u030B|\u0172U\u0328|\u0173u\u0328|"
        + "\u0174W\u0302|\u0175w\u0302|\u0176Y\u0302|\u0177y\u0302|\u0178Y\u0308|\u0179Z\u0301|\u017Az\u0301|\u017BZ\u0307|\u017Cz\u0307|\u017DZ\u030C|"
        + "\u017Ez\u030C|\u01A0O\u031B|\u01A1o\u031B|\u01AFU\u031B|\u01B0u\u031B|\u01CDA\u030C|\u01CEa\u030C|\u01CFI\u030C|\u01D0i\u030C|\u01D1O\u030C|"
        + "\u01D2o\u030C|\u01D3U\u030C|\u01D4u\u030C|\u01D5U\u0308\u0304|\u01D6u\u0308\u0304|\u01D7U\u0308\u0301|\u01D8u\u0308\u0301|\u01D9U\u0308\u030C|\u01DAu\u0308\u030C|\u01DBU\u0308\u0300|"
        + "\u01DCu\u0308\u0300|\u01DEA\u0308\u0304|\u01DFa\u0308\u0304|\u01E0A\u0307\u0304|\u01E1a\u0307\u0304|\u01E2\u00C6\u0304|\u01E3\u00E6\u0304|\u01E6G\u030C|\u01E7g\u030C|\u01E8K\u030C|"
        + "\u01E9k\u030C|\u01EAO\u0328|\u01EBo\u0328|\u01ECO\u0328\u0304|\u01EDo\u0328\u0304|\u01EE\u01B7\u030C|\u01F0j\u030C|\u01F4G\u0301|\u01F5g\u0301|\u01F8N\u0300|"
        + "\u01F9n\u0300|\u01FAA\u030A\u0301|\u01FBa\u030A\u0301|\u01FC\u00C6\u0301|\u01FD\u00E6\u0301|\u01FE\u00D8\u0301|\u01FF\u00F8\u0301|\u0200A\u030F|\u0201a\u030F|\u0202A\u0311|"
        + "\u0203a\u0311|\u0204E\u030F|\u0205e\u030F|\u0206E\u0311|\u0207e\u0311|\u0208I\u030F|\u0209i\u030F|\u020AI\u0311|\u020Bi\u0311|\u020CO\u030F|"
        + "\u020Do\u030F|\u020EO\u0311|\u020Fo\u0311|\u0210R\u030F|\u0211r\u030F|\u0212R\u0311|\u0213r\u0311|\u0214U\u030F|\u0215u\u030F|\u0216U\u0311|"
        + "\u0217u\u0311|\u0218S\u0326|\u0219s\u0326|\u021AT\u0326|\u021Bt\u0326|\u021EH\u030C|\u021Fh\u030C|\u0226A\u0307|\u0227a\u0307|\u0228E\u0327|"
        + "\u0229e\u0327|\u022AO\u0308\u0304|\u022Bo\u0308\u0304|\u022CO\u0303\u0304|\u022Do\u0303\u0304|\u022EO\u0307|\u022Fo\u0307|\u0230O\u0307\u0304|\u0231o\u0307\u0304|\u0232Y\u0304|"
        + "\u0233y\u0304|\u1E00A\u0325|\u1E01a\u0325|\u1E02B\u0307|\u1E03b\u0307|\u1E04B\u0323|\u1E05b\u0323|\u1E06B\u0331|\u1E07b\u0331|\u1E08C\u0327\u0301|"
        + "\u1E09c\u0327\u0301|\u1E0AD\u0307|\u1E0Bd\u0307|\u1E0CD\u0323|\u1E0Dd\u0323|\u1E0ED\u0331|\u1E0Fd\u0331|\u1E10D\u0327|\u1E11d\u0327|\u1E12D\u032D|"
        + "\u1E13d\u032D|\u1E14E\u0304\u0300|\u1E15e\u0304\u0300|\u1E16E\u0304\u0301|\u1E17e\u0304\u0301|\u1E18E\u032D|\u1E19e\u032D|\u1E1AE\u0330|\u1E1Be\u0330|\u1E1CE\u0327\u0306|"
        + "\u1E1De\u0327\u0306|\u1E1EF\u0307|\u1E1Ff\u0307|\u1E20G\u0304|\u1E21g\u0304|\u1E22H\u0307|\u1E23h\u0307|\u1E24H\u0323|\u1E25h\u0323|\u1E26H\u0308|"
        + "\u1E27h\u0308|\u1E28H\u0327|\u1E29h\u0327|\u1E2AH\u032E|\u1E2Bh\u032E|\u1E2CI\u0330|\u1E2Di\u0330|\u1E2EI\u0308\u0301|\u1E2Fi\u0308\u0301|\u1E30K\u0301|"
        + "\u1E31k\u0301|\u1E32K\u0323|\u1E33k\u0323|\u1E34K\u0331|\u1E35k\u0331|\u1E36L\u0323|\u1E37l\u0323|\u1E38L\u0323\u0304|\u1E39l\u0323\u0304|\u1E3AL\u0331|"
        + "\u1E3Bl\u0331|\u1E3CL\u032D|\u1E3Dl\u032D|\u1E3EM\u0301|\u1E3Fm\u0301|\u1E40M\u0307|\u1E41m\u0307|\u1E42M\u0323|\u1E43m\u0323|\u1E44N\u0307|"
        + "\u1E45n\u0307|\u1E46N\u0323|\u1E47n\u0323|\u1E48N\u0331|\u1E49n\u0331|\u1E4AN\u032D|\u1E4Bn\u032D|\u1E4CO\u0303\u0301|\u1E4Do\u0303\u0301|\u1E4EO\u0303\u0308|"
        + "\u1E4Fo\u0303\u0308|\u1E50O\u0304\u0300|\u1E51o\u0304\u0300|\u1E52O\u0304\u0301|\u1E53o\u0304\u0301|\u1E54P\u0301|\u1E55p\u0301|\u1E56P\u0307|\u1E57p\u0307|\u1E58R\u0307|"
        + "\u1E59r\u0307|\u1E5AR\u0323|\u1E5Br\u0323|\u1E5CR\u0323\u0304|\u1E5Dr\u0323\u0304|\u1E5ER\u0331|\u1E5Fr\u0331|\u1E60S\u0307|\u1E61s\u0307|\u1E62S\u0323|"
        + "\u1E63s\u0323|\u1E64S\u0301\u0307|\u1E65s\u0301\u0307|\u1E66S\u030C\u0307|\u1E67s\u030C\u0307|\u1E68S\u0323\u0307|\u1E69s\u0323\u0307|\u1E6AT\u0307|\u1E6Bt\u0307|\u1E6CT\u0323|"
        + "\u1E6Dt\u0323|\u1E6ET\u0331|\u1E6Ft\u0331|\u1E70T\u032D|\u1E71t\u032D|\u1E72U\u0324|\u1E73u\u0324|\u1E74U\u0330|\u1E75u\u0330|\u1E76U\u032D|"
        + "\u1E77u\u032D|\u1E78U\u0303\u0301|\u1E79u\u0303\u0301|\u1E7AU\u0304\u0308|\u1E7Bu\u0304\u0308|\u1E7CV\u0303|\u1E7Dv\u0303|\u1E7EV\u0323|\u1E7Fv\u0323|\u1E80W\u0300|"
        + "\u1E81w\u0300|\u1E82W\u0301|\u1E83w\u0301|\u1E84W\u0308|\u1E85w\u0308|\u1E86W\u0307|\u1E87w\u0307|\u1E88W\u0323|\u1E89w\u0323|\u1E8AX\u0307|"
        + "\u1E8Bx\u0307|\u1E8CX\u0308|\u1E8Dx\u0308|\u1E8EY\u0307|\u1E8Fy\u0307|\u1E90Z\u0302|\u1E91z\u0302|\u1E92Z\u0323|\u1E93z\u0323|\u1E94Z\u0331|"
        + "\u1E95z\u0331|\u1E96h\u0331|\u1E97t\u0308|\u1E98w\u030A|\u1E99y\u030A|\u1E9B\u017F\u0307|\u1EA0A\u0323|\u1EA1a\u0323|\u1EA2A\u0309|\u1EA3a\u0309|"
        + "\u1EA4A\u0302\u0301|\u1EA5a\u0302\u0301|\u1EA6A\u0302\u0300|\u1EA7a\u0302\u0300|\u1EA8A\u0302\u0309|\u1EA9a\u0302\u0309|\u1EAAA\u0302\u0303|\u1EABa\u0302\u0303|\u1EACA\u0323\u0302|\u1EADa\u0323\u0302|"
        + "\u1EAEA\u0306\u0301|\u1EAFa\u0306\u0301|\u1EB0A\u0306\u0300|\u1EB1a\u0306\u0300|\u1EB2A\u0306\u0309|\u1EB3a\u0306\u0309|\u1EB4A\u0306\u0303|\u1EB5a\u0306\u0303|\u1EB6A\u0323\u0306|\u1EB7a\u0323\u0306|"
        + "\u1EB8E\u0323|\u1EB9e\u0323|\u1EBAE\u0309|\u1EBBe\u0309|\u1EBCE\u0303|\u1EBDe\u0303|\u1EBEE\u0302\u0301|\u1EBFe\u0302\u0301|\u1EC0E\u0302\u0300|\u1EC1e\u0302\u0300|"
        + "\u1EC2E\u0302\u0309|\u1EC3e\u0302\u0309|\u1EC4E\u0302\u0303|\u1EC5e\u0302\u0303|\u1EC6E\u0323\u0302|\u1EC7e\u0323\u0302|\u1EC8I\u0309|\u1EC9i\u0309|\u1ECAI\u0323|\u1ECBi\u0323|"
        + "\u1ECCO\u0323|\u1ECDo\u0323|\u1ECEO\u0309|\u1ECFo\u0309|\u1ED0O\u0302\u0301|\u1ED1o\u0302\u0301|\u1ED2O\u0302\u0300|\u1ED3o\u0302\u0300|\u1ED4O\u0302\u0309|\u1ED5o\u0302\u0309|"
        + "\u1ED6O\u0302\u0303|\u1ED7o\u0302\u0303|\u1ED8O\u0323\u0302|\u1ED9o\u0323\u0302|\u1EDAO\u031B\u0301|\u1EDBo\u031B\u0301|\u1EDCO\u031B\u0300|\u1EDDo\u031B\u0300|\u1EDEO\u031B\u0309|\u1EDFo\u031B\u0309|"
        + "\u1EE0O\u031B\u0303|\u1EE1o\u031B\u0303|\u1EE2O\u031B\u0323|\u1EE3o\u031B\u0323|\u1EE4U\u0323|\u1EE5u\u0323|\u1EE6U\u0309|\u1EE7u\u0309|\u1EE8U\u031B\u0301|\u1EE9u\u031B\u0301|"
        + "\u1EEAU\u031B\u0300|\u1EEBu\u031B\u0300|\u1EECU\u031B\u0309|\u1EEDu\u031B\u0309|\u1EEEU\u031B\u0303|\u1EEFu\u031B\u0303|\u1EF0U\u031B\u0323|\u1EF1u\u031B\u0323|\u1EF2Y\u0300|\u1EF3y\u0300|"
        + "\u1EF4Y\u0323|\u1EF5y\u0323|\u1EF6Y\u0309|\u1EF7y\u0309|\u1EF8Y\u0303|\u1EF9y\u0303|\u0340\u0300|\u0341\u0301|\u0343\u0313|\u0344\u0308\u0301|";

    private static readonly Dictionary<char, string> Map = Load();

    /// <summary>The canonical decomposition of <paramref name="text"/> as far as this map covers it.</summary>
    public static string Decompose(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Map.TryGetValue(c, out var decomposed))
            {
                builder.Append(decomposed);
            }
            else
            {
                builder.Append(c);
            }
        }

        // Canonical ordering: within a run of marks, a lower combining class comes first (stable).
        for (var i = 1; i < builder.Length; i++)
        {
            var mark = builder[i];
            var rank = CombiningClass(mark);
            var j = i;
            while (rank != 0 && j > 0 && CombiningClass(builder[j - 1]) > rank)
            {
                builder[j] = builder[j - 1];
                j--;
            }

            builder[j] = mark;
        }

        return builder.ToString();
    }

    /// <summary>The canonical combining class of a mark in U+0300–U+036F (Unicode Character Database); 0 for any other character.</summary>
    internal static int CombiningClass(char c) => c switch
    {
        < '\u0300' or > '\u036F' => 0,
        <= '\u0314' => 230,
        '\u0315' => 232,
        <= '\u0319' => 220,
        '\u031A' => 232,
        '\u031B' => 216,
        <= '\u0320' => 220,
        <= '\u0322' => 202,
        <= '\u0326' => 220,
        <= '\u0328' => 202,
        <= '\u0333' => 220,
        <= '\u0338' => 1,
        <= '\u033C' => 220,
        <= '\u0344' => 230,
        '\u0345' => 240,
        '\u0346' => 230,
        <= '\u0349' => 220,
        <= '\u034C' => 230,
        <= '\u034E' => 220,
        '\u034F' => 0,
        <= '\u0352' => 230,
        <= '\u0356' => 220,
        '\u0357' => 230,
        '\u0358' => 232,
        <= '\u035A' => 220,
        '\u035B' => 230,
        '\u035C' => 233,
        <= '\u035E' => 234,
        '\u035F' => 233,
        <= '\u0361' => 234,
        '\u0362' => 233,
        _ => 230,
    };

    private static Dictionary<char, string> Load()
    {
        var map = new Dictionary<char, string>();
        foreach (var entry in Table.Split('|'))
        {
            if (entry.Length > 1)
            {
                map[entry[0]] = entry.Substring(1);
            }
        }

        return map;
    }
}
