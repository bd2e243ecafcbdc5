package dev.cutover.system.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile read as a list of instructions: continuation lines joined, comments and blank lines dropped. */
record Dockerfile(Path path, List<Instruction> instructions) {

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S*))");

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile read(Path path) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repo.read(path).split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip()));
        }
        return new Dockerfile(path, instructions);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The instructions of the last stage: what the image that runs is made of. */
    Dockerfile finalStage() {
        int lastFrom = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return new Dockerfile(path, instructions.subList(lastFrom, instructions.size()));
    }

    /** {@code ENV} and {@code ARG} defaults of this file, in order (later ones win). */
    Map<String, String> assignments(String keyword) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arguments : all(keyword)) {
            Matcher matcher = ASSIGNMENT.matcher(arguments);
            while (matcher.find()) {
                values.put(matcher.group(1), matcher.group(3) != null ? matcher.group(3) : matcher.group(4));
            }
        }
        return values;
    }
}
