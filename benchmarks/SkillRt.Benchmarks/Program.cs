using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SkillRt.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
