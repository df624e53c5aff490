"""Forms: the questions an interactive command asks, through the `Prompter` interface, outside the
visit interview (which is `mbcprep.interview`). Each returns what was answered and saves nothing."""
