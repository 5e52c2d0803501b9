// One fixture plugin per way a plugin can misbehave while a check runs, selected with
// -DFAULT_<KIND>. Each has a healthy check before the faulty one and one after it, so the tests
// see that results sent before a fault are kept and that a fresh worker runs the next check.
// The run functions use the C ABI directly: nothing catches on the plugin's side.
#include <scanner/plugin_api.h>

#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#if defined(FAULT_SEGFAULT)
#define FAULT_ID "fault-segfault"
#elif defined(FAULT_ABORT)
#define FAULT_ID "fault-abort"
#elif defined(FAULT_EXIT)
#define FAULT_ID "fault-exit"
#elif defined(FAULT_HANG)
#define FAULT_ID "fault-hang"
#elif defined(FAULT_THROW)
#define FAULT_ID "fault-throw"
#elif defined(FAULT_OUTPUT)
#define FAULT_ID "fault-output"
#elif defined(FAULT_MEMORY)
#define FAULT_ID "fault-memory"
#else
#error "define one FAULT_<KIND>"
#endif

namespace {

const scanner_benchmark fault_benchmark{sizeof(scanner_benchmark), "Fault Benchmark " FAULT_ID,
                                        "v1", nullptr};

void run_healthy(const scanner_check_context* ctx, void*) {
    ctx->add_evidence(ctx, "fault plugin", "healthy check ran");
    ctx->report(ctx, SCANNER_STATUS_PASS, nullptr);
}

#if defined(FAULT_SEGFAULT)
void run_fault(const scanner_check_context*, void*) {
    // Not a null pointer, so UBSan builds see the same crash as everyone else; read through a
    // volatile so the compiler cannot see the address either.
    volatile uintptr_t address = 16;
    *reinterpret_cast<volatile int*>(address) = 1;
}
#elif defined(FAULT_ABORT)
void run_fault(const scanner_check_context*, void*) { std::abort(); }
#elif defined(FAULT_EXIT)
// Status 0: the scanner must not take a clean exit for a finished worker.
void run_fault(const scanner_check_context*, void*) { std::exit(0); }
#elif defined(FAULT_HANG)
void run_fault(const scanner_check_context*, void*) {
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGINT, SIG_IGN);
    for (;;) ::pause();
}
#elif defined(FAULT_THROW)
void run_fault(const scanner_check_context*, void*) {
    throw std::runtime_error("thrown across the C boundary");
}
#elif defined(FAULT_OUTPUT)
// Writes more than the capture holds, through every route, including text that would corrupt a
// report on the scanner's stdout: a JSON document and a terminal escape sequence.
void run_fault(const scanner_check_context* ctx, void*) {
    std::printf("{\"schema_version\":\"fake\"}\n\x1b[2J");
    std::cout << "PASS from std::cout" << std::endl;
    std::fprintf(stderr, "complaint on stderr\n");
    std::string line(1023, 'x');
    line += '\n';
    for (int i = 0; i < 2048; ++i) {
        if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) break;
    }
    ctx->report(ctx, SCANNER_STATUS_PASS, nullptr);
}
#elif defined(FAULT_MEMORY)
// Global, so the compiler cannot prove the blocks unused and leave the allocations out.
std::vector<void*> hoard;

// Allocates and touches 1 MiB blocks until the allocation fails: operator new never returns.
void run_fault(const scanner_check_context* ctx, void*) {
    for (;;) {
        auto* block = new char[1u << 20];
        std::memset(block, 1, 1u << 20);
        hoard.push_back(block);
    }
    ctx->report(ctx, SCANNER_STATUS_PASS, nullptr);
}

// The C way: malloc() until it returns NULL, then use the NULL the way careless code does.
void run_fault_malloc(const scanner_check_context* ctx, void*) {
    for (;;) {
        void* block = std::malloc(1u << 20);
        // Integer arithmetic: a crash for every build, not an offset-on-null report for UBSan.
        auto last = reinterpret_cast<uintptr_t>(block) + (1u << 20) - 1;
        *reinterpret_cast<volatile char*>(last) = 1;
        std::memset(block, 1, 1u << 20);
        hoard.push_back(block);
    }
    ctx->report(ctx, SCANNER_STATUS_PASS, nullptr);
}
#endif

#define FAULT_CHECK(name, id, title, run)                                         \
    scanner_check_def {                                                           \
        sizeof(scanner_check_def), FAULT_ID name, id, title, &fault_benchmark, 1, \
            SCANNER_MODE_AUTOMATIC, "fix the plugin", run, nullptr                \
    }

const scanner_check_def fault_checks[] = {
    FAULT_CHECK("-before", "1", "Ensure the check before the fault is kept", run_healthy),
    FAULT_CHECK("-fault", "2", "Ensure the faulty check is contained", run_fault),
#if defined(FAULT_MEMORY)
    FAULT_CHECK("-fault-malloc", "3", "Ensure a careless malloc is contained", run_fault_malloc),
#endif
    FAULT_CHECK("-after", "9", "Ensure the check after the fault runs", run_healthy),
};

int32_t fault_init(const scanner_host_api* host) {
    for (const auto& check : fault_checks) {
        if (int32_t rc = host->register_check(host, &check); rc != 0) return rc;
    }
    return 0;
}

const scanner_plugin_descriptor fault_descriptor{
    sizeof(scanner_plugin_descriptor),
    SCANNER_ABI_VERSION_MAJOR,
    SCANNER_ABI_VERSION_MINOR,
    FAULT_ID,
    "Fault " FAULT_ID,
    "1.0.0",
    "scanner tests",
    nullptr,
    fault_init,
    nullptr,
};

}  // namespace

extern "C" SCANNER_PLUGIN_EXPORT const scanner_plugin_descriptor* scanner_plugin_entry_v1(
    uint32_t major, uint32_t) {
    return major == SCANNER_ABI_VERSION_MAJOR ? &fault_descriptor : nullptr;
}
