# Plots bench/scale-results.dat (tenants, p50 ms, p99 ms of one change -> commit) to docs/images/scale-change-latency.png.
# Run from the repository root: gnuplot bench/scale-change-latency.gp   (Debian: apt-get install gnuplot-nox)
set terminal pngcairo size 800,500 font "sans,11"
set output "docs/images/scale-change-latency.png"
set title "One tenant's change → commit in the GitOps repository, 6 tools per tenant"
set xlabel "tenants on the cluster (log scale)"
set ylabel "seconds"
set logscale x
set xrange [50:20000]
set yrange [0:*]
set grid
set key top left
set xtics ("100" 100, "1,000" 1000, "10,000" 10000)
plot "bench/scale-results.dat" using 1:($3/1000) with linespoints lw 2 pt 7 dt 3 title "p99, whole-fleet reconcile (cd01b91)", \
     "bench/scale-results.dat" using 1:($2/1000) with linespoints lw 2 pt 5 dt 3 title "p50, whole-fleet reconcile (cd01b91)", \
     "bench/scale-results.dat" using 1:($5/1000) with linespoints lw 2 pt 7 title "p99, incremental (2ba364f; 10,000: d875d29, loaded machine)", \
     "bench/scale-results.dat" using 1:($4/1000) with linespoints lw 2 pt 5 title "p50, incremental (2ba364f; 10,000: d875d29, loaded machine)", \
     3 with lines dt 2 lw 2 lc rgb "red" title "goal p99 ≤ 3 s", \
     1 with lines dt 2 lw 2 lc rgb "dark-green" title "goal p50 ≤ 1 s"
