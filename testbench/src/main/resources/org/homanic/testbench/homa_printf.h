// Forced into every translation unit of a model library (g++ -include), so that Verilator's
// VL_PRINTF, defined to homa_vl_printf on the command line, reaches the shim: the shim keeps the
// text for Java to print instead of writing to the JVM's native stdout.
#ifndef HOMA_PRINTF_H
#define HOMA_PRINTF_H
int homa_vl_printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
#endif
