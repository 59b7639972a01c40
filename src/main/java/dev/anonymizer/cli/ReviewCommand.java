package dev.anonymizer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.review.HeldPhoto;
import dev.anonymizer.review.LabelExport;
import dev.anonymizer.review.ReviewResult;
import dev.anonymizer.review.ReviewService;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code review list | release KEY | censor KEY x,y,w,h --category C | export-labels DIR}: what the review page does,
 * from the command line, through the same {@link ReviewService}. The audit record names the reviewer as
 * {@code cli:<user>} ({@code --reviewer} to say otherwise). Exit status: 0 done, 1 not done (not held, released
 * already, a box refused), 2 wrong command line.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Photos held for review (anonymizer.review.mode=hold; flagged ones too where the review page "
                + "is on): list, release, censor a box, export labels.",
        subcommands = {ReviewCommand.ListHeld.class, ReviewCommand.Release.class, ReviewCommand.Censor.class,
            ReviewCommand.ExportLabels.class},
        footer = "KEY is a held photo's id as `review list` prints it: <output bucket>/<output key>.")
public class ReviewCommand {

    /** Who the audit record says acted, for the commands that change something. */
    static class Reviewer {
        @Option(names = "--reviewer", paramLabel = "NAME",
                description = "Who the audit record names (default: cli:<user name>).")
        String name;

        String who() {
            return name != null && !name.isBlank() ? name : "cli:" + System.getProperty("user.name", "unknown");
        }
    }

    /** Prints a result; 0 when the photo was released. */
    static int report(PrintWriter out, PrintWriter err, ReviewResult r) {
        if (r instanceof ReviewResult.Released x) {
            out.println((x.flagged() ? "reviewed " + x.id() + " (in the output at " + x.output() + ")"
                    : "released " + x.id() + " to " + x.output()) + " by " + x.by());
            return 0;
        }
        if (r instanceof ReviewResult.AlreadyReleased x) {
            err.println("review: " + x.id() + " was released already by " + x.by() + " at " + x.at());
        } else if (r instanceof ReviewResult.NotHeld x) {
            err.println("review: no photo '" + x.id() + "' is held for review");
        } else {
            ReviewResult.Refused x = (ReviewResult.Refused) r;
            err.println("review: " + x.id() + ": " + x.message());
        }
        return 1;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the held (and flagged) photos: id, held or flagged, input, when, doubts.")
    public static class ListHeld implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final ReviewService review;

        public ListHeld(ReviewService review) {
            this.review = review;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int n = 0;
            for (HeldPhoto p : review.held()) {
                n++;
                out.println(p.id() + "\t" + p.state() + "\t" + (p.input() == null ? "-" : p.input()) + "\t"
                        + (p.heldAt() == null ? "-" : p.heldAt()) + "\t"
                        + (p.doubts().isEmpty() ? "-" : String.join(",", p.doubts().stream().map(HeldPhoto.Doubt::kind)
                                .toList())));
            }
            spec.commandLine().getErr().println(n + " waiting for review");
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Release a held photo to its output.")
    public static class Release implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "KEY", description = "The held photo's id.")
        String id;
        @picocli.CommandLine.Mixin
        Reviewer reviewer = new Reviewer();
        private final ReviewService review;

        public Release(ReviewService review) {
            this.review = review;
        }

        @Override
        public Integer call() {
            return report(spec.commandLine().getOut(), spec.commandLine().getErr(), review.release(id, reviewer.who()));
        }
    }

    @Command(name = "censor", mixinStandardHelpOptions = true,
            description = "Censor a box of a held photo with its category's policy, then release it.")
    public static class Censor implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "KEY", description = "The held photo's id.")
        String id;
        @Parameters(index = "1", paramLabel = "x,y,w,h", converter = BoxConverter.class,
                description = "The box: left, top, width, height in pixels of the upright photo.")
        Box box;
        @Option(names = "--category", required = true, paramLabel = "C", converter = CategoryConverter.class,
                description = "face, plate, text, person or vehicle: whose censoring policy applies.")
        Category category;
        @picocli.CommandLine.Mixin
        Reviewer reviewer = new Reviewer();
        private final ReviewService review;

        public Censor(ReviewService review) {
            this.review = review;
        }

        @Override
        public Integer call() {
            return report(spec.commandLine().getOut(), spec.commandLine().getErr(),
                    review.censorAndRelease(id, reviewer.who(), category, box));
        }
    }

    @Command(name = "export-labels", mixinStandardHelpOptions = true,
            description = "Write the released photos' boxes as DIR/labels.json (the format evaluate reads), the "
                    + "originals in DIR/images/.")
    public static class ExportLabels implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write (created when missing).")
        Path dir;
        private final ReviewService review;

        public ExportLabels(ReviewService review) {
            this.review = review;
        }

        @Override
        public Integer call() {
            LabelExport export = review.exportLabels(dir);
            spec.commandLine().getOut().println(export.summary() + " into " + dir);
            return 0;
        }
    }

    /** {@code x,y,w,h}: four numbers, width and height above zero. */
    static final class BoxConverter implements ITypeConverter<Box> {
        @Override
        public Box convert(String value) {
            String[] f = value.split(",");
            if (f.length != 4) {
                throw new TypeConversionException("a box is x,y,w,h (four numbers), not '" + value + "'");
            }
            double[] v = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    v[i] = Double.parseDouble(f[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + f[i] + "' in '" + value + "' is not a number");
                }
            }
            if (!(v[2] > 0 && v[3] > 0)) {
                throw new TypeConversionException("the box '" + value + "' has no area (width and height must be > 0)");
            }
            return Box.ofSize(v[0], v[1], v[2], v[3]);
        }
    }

    /** A category by its key. */
    static final class CategoryConverter implements ITypeConverter<Category> {
        @Override
        public Category convert(String value) {
            try {
                return Category.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown category '" + value + "' (face, plate, text, person, vehicle)");
            }
        }
    }
}
