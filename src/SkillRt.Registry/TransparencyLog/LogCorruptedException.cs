using System;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>The log's stored hashes are missing or damaged: the server cannot prove anything until an administrator repairs it.</summary>
internal sealed class LogCorruptedException(string message) : Exception(message);
