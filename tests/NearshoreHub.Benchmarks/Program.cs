Console.WriteLine("NearshoreHub benchmarks: no benchmark yet.");
