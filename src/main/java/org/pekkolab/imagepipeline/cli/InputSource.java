package org.pekkolab.imagepipeline.cli;

import java.nio.file.Path;
import org.pekkolab.imagepipeline.settings.InputSet;
import picocli.CommandLine.Option;

/** Where the images come from: a folder or a URL list, not both (an exclusive group: picocli rejects the two together). */
final class InputSource {

    @Option(names = {"-i", "--input"}, paramLabel = "DIR",
            description = {"Folder of images, not recursive: its jpg, jpeg, png, bmp and gif files.",
                "Default: the project's images/.", "Example: -i ~/photos"})
    Path folder;

    @Option(names = "--source", paramLabel = "FILE",
            description = {"Download the images over HTTP from the URLs in FILE instead of reading a folder.",
                "One http or https URL per line; blank lines and # comments are skipped.",
                "Example: --source urls.txt"})
    Path urlList;

    /** The images to read: the URL list, the folder, or {@code defaultFolder} when neither is given. */
    InputSet inputSet(Path defaultFolder) {
        return urlList != null ? InputSet.urlList(urlList) : InputSet.scan(folder != null ? folder : defaultFolder);
    }
}
