/* dispatch.h - the whole command line as a function, for main.c and tests. */
#ifndef COLOPHON_DISPATCH_H
#define COLOPHON_DISPATCH_H

/* Runs colophon with argv as given to main; returns the exit code. */
int colo_main(int argc, char **argv);

#endif
