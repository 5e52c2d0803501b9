#include "logic/systemd_unit.hpp"

namespace scanner::kubernetes_worker {

namespace {

std::string_view trim(std::string_view s) {
    constexpr std::string_view space = " \t\r\n";
    size_t first = s.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    size_t last = s.find_last_not_of(space);
    return s.substr(first, last - first + 1);
}

bool is_comment(std::string_view line) {
    return !line.empty() && (line[0] == '#' || line[0] == ';');
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

}  // namespace

std::vector<unit_directive> parse_service_directives(std::string_view text, std::string_view file) {
    std::vector<unit_directive> directives;
    auto lines = lines_of(text);
    bool in_service = false;

    for (size_t i = 0; i < lines.size(); ++i) {
        std::string_view line = trim(lines[i]);
        if (line.empty() || is_comment(line)) continue;
        int first_line = static_cast<int>(i) + 1;

        std::string joined(line);
        while (!joined.empty() && joined.back() == '\\' && i + 1 < lines.size()) {
            joined.back() = ' ';
            std::string_view next = trim(lines[++i]);
            while (is_comment(next) && i + 1 < lines.size()) next = trim(lines[++i]);
            if (is_comment(next)) break;
            joined += next;
        }
        if (!joined.empty() && joined.back() == '\\') joined.pop_back();

        if (joined.front() == '[') {
            in_service = trim(joined) == "[Service]";
            continue;
        }
        size_t eq = joined.find('=');
        if (!in_service || eq == std::string::npos) continue;
        directives.push_back({std::string(trim(std::string_view(joined).substr(0, eq))),
                              std::string(trim(std::string_view(joined).substr(eq + 1))),
                              std::string(file), first_line});
    }
    return directives;
}

service_plan plan_service(const std::vector<unit_file_text>& files) {
    std::vector<unit_directive> exec_starts;
    service_plan plan;

    for (const auto& f : files) {
        for (auto& d : parse_service_directives(f.text, f.path)) {
            std::vector<unit_directive>* list = nullptr;
            if (d.key == "ExecStart") list = &exec_starts;
            if (d.key == "Environment") list = &plan.environment;
            if (d.key == "EnvironmentFile") list = &plan.environment_files;
            if (list == nullptr) continue;
            if (d.value.empty()) {
                list->clear();
            } else {
                list->push_back(std::move(d));
            }
        }
    }

    plan.exec_start_count = exec_starts.size();
    if (!exec_starts.empty()) plan.exec_start = exec_starts.back();
    return plan;
}

}  // namespace scanner::kubernetes_worker
