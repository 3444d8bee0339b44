package org.pekkolab.imagepipeline.metrics;

/** An input that could not be processed, and why. */
public record Failure(String file, String reason) {}
