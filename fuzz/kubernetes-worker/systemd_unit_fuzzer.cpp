// The kubelet's systemd unit and a drop-in (the input split at its first NUL): the [Service]
// directives, the plan they make, and the ExecStart= command expanded with their environment.
#include "fuzz/fuzz_target.hpp"
#include "logic/systemd_exec.hpp"
#include "logic/systemd_unit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace scanner::kubernetes_worker;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t nul = input.find('\0');
    std::string unit(input.substr(0, nul));
    std::string dropin(nul == std::string_view::npos ? "" : input.substr(nul + 1));

    parse_service_directives(unit, "/etc/systemd/system/kubelet.service");
    auto plan = plan_service({{"/etc/systemd/system/kubelet.service", unit},
                              {"/etc/systemd/system/kubelet.service.d/10-fuzz.conf", dropin}});
    unit_environment env;
    for (const auto& directive : plan.environment) {
        split_systemd_words(directive.value);
        for (auto& [name, value] : parse_environment_assignments(directive.value)) {
            env[name] = value;
        }
    }
    if (plan.exec_start) parse_exec_start(plan.exec_start->value, env);
    return 0;
}
