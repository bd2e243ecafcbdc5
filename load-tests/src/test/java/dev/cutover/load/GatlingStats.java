package dev.cutover.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatling's own statistics of a run, read from the statistics table of its HTML report ({@code index.html}):
 * Gatling 3.15 writes no machine-readable summary any more, and its {@code simulation.log} is a private binary
 * format. Columns are found by their headings, so a changed layout fails loudly (the smoke test reads a real
 * report on every build) rather than shifting numbers. Response times are whole milliseconds, as Gatling keeps
 * them.
 */
record GatlingStats(Entry global, List<Entry> all) {

    private static final Pattern HEADING = Pattern.compile("<th id=\"col-(\\d+)\"[^>]*>\\s*<span>(?:<abbr[^>]*>)?([^<]+)");
    private static final Pattern ROW = Pattern.compile("<tr id=\"([^\"]+)\"(?: data-parent=\"([^\"]*)\")?\\s*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    /** One request name or group; {@code group} is the enclosing group's name, empty at the top. */
    record Entry(String name, String group, long total, long ok, long ko, double perSecond,
                 long min, long p50, long p95, long p99, long p999, long max, long mean) {

        double errorRate() {
            return total == 0 ? 0 : (double) ko / total;
        }
    }

    static GatlingStats read(Path run) throws IOException {
        String html = Files.readString(run.resolve("index.html"));
        Map<String, Integer> columns = new HashMap<>();
        Matcher heading = HEADING.matcher(html);
        while (heading.find()) {
            columns.put(heading.group(2).trim(), Integer.parseInt(heading.group(1)));
        }
        Map<String, String> names = new HashMap<>();
        Entry global = null;
        List<Entry> entries = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(3));
            if (!name.find()) {
                continue;
            }
            Map<Integer, String> cells = new HashMap<>();
            Matcher cell = CELL.matcher(row.group(3));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
            }
            String id = row.group(1);
            String parent = row.group(2) == null ? "" : row.group(2);
            names.put(id, unescape(name.group(1)));
            Entry entry = new Entry(unescape(name.group(1)), "ROOT".equals(parent) ? "" : names.getOrDefault(parent, ""),
                    number(cells, columns, "Total"), number(cells, columns, "OK"), number(cells, columns, "KO"),
                    decimal(cells, columns, "Cnt/s"), number(cells, columns, "Min"), number(cells, columns, "50th pct"),
                    number(cells, columns, "95th pct"), number(cells, columns, "99th pct"), number(cells, columns, "99.9th pct"),
                    number(cells, columns, "Max"), number(cells, columns, "Mean"));
            if ("ROOT".equals(id)) {
                global = entry;
            } else {
                entries.add(entry);
            }
        }
        if (global == null) {
            throw new IllegalStateException("No statistics table in " + run.resolve("index.html") + ": has Gatling's report changed?");
        }
        return new GatlingStats(global, entries);
    }

    /** The windows: top-level requests, or the mobile journey's groups. */
    List<Entry> windows() {
        return all.stream().filter(e -> e.group().isEmpty()).toList();
    }

    Optional<Entry> find(String group, String name) {
        return all.stream().filter(e -> e.group().equals(group) && e.name().equals(name)).findFirst();
    }

    private static long number(Map<Integer, String> cells, Map<String, Integer> columns, String heading) {
        String value = cell(cells, columns, heading);
        return value.matches("-?\\d+") ? Long.parseLong(value) : 0;
    }

    private static double decimal(Map<Integer, String> cells, Map<String, Integer> columns, String heading) {
        String value = cell(cells, columns, heading).replace(",", "");
        return value.matches("-?\\d+(\\.\\d+)?") ? Double.parseDouble(value) : 0;
    }

    private static String cell(Map<Integer, String> cells, Map<String, Integer> columns, String heading) {
        Integer column = columns.get(heading);
        if (column == null) {
            throw new IllegalStateException("Gatling's statistics table has no column '" + heading + "' (has " + columns.keySet() + ")");
        }
        return cells.getOrDefault(column, "");
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
