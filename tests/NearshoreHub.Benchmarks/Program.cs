if (args.Length > 0 && args[0] == "search")
{
    return await NearshoreHub.Benchmarks.Search.SearchLoadBenchmark.RunAsync(args[1..]);
}

Console.WriteLine("NearshoreHub benchmarks: `search --url … --connection …` for search and import figures.");
return 0;
