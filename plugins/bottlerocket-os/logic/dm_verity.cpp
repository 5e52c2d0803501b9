#include "dm_verity.hpp"

#include <algorithm>
#include <optional>

#include "text.hpp"

namespace bottlerocket_os {

namespace {

// Parameter names treat '-' and '_' alike, as the kernel's parameq() does.
std::string normalize_parameter(std::string_view name) {
    std::string out(name);
    std::replace(out.begin(), out.end(), '-', '_');
    return out;
}

std::optional<std::string> last_value(const std::vector<kernel_parameter>& params,
                                      std::string_view name) {
    std::optional<std::string> value;
    const std::string wanted = normalize_parameter(name);
    for (const auto& p : params) {
        if (p.has_value && normalize_parameter(p.name) == wanted) value = p.value;
    }
    return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        auto at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return parts;
        text.remove_prefix(at + 1);
    }
}

// dm-mod.create holds devices separated by ';', each "name,uuid,minor,flags,table[,table]".
void judge_root_device(std::string_view create, std::string_view source, findings& out) {
    const std::string where = " (" + std::string(source) + ")";
    for (auto device : split(create, ';')) {
        auto fields = split(trim(device), ',');
        if (fields.size() < 5 || trim(fields[0]) != "root") continue;

        if (trim(fields[3]) != "ro") {
            out.fail("dm-mod.create device root is not read-only (flags " +
                     quoted(trim(fields[3])) + ")" + where);
        }
        auto table = split_words(fields[4]);
        if (table.size() < 3 || table[0] != "0" || table[2] != "verity") {
            out.fail("dm-mod.create device root is not a verity target from sector 0 (" +
                     quoted(trim(fields[4]).substr(0, 64)) + ")" + where);
            return;
        }
        if (std::find(table.begin(), table.end(), "restart_on_corruption") == table.end()) {
            out.fail("the verity table of device root lacks restart_on_corruption" + where);
        }
        return;
    }
    out.fail("dm-mod.create defines no device named root" + where);
}

}  // namespace

std::vector<kernel_parameter> parse_kernel_cmdline(std::string_view cmdline) {
    std::vector<kernel_parameter> params;
    std::string word;
    bool in_quote = false;
    bool in_word = false;
    auto finish = [&] {
        if (!in_word) return;
        in_word = false;
        kernel_parameter p;
        auto eq = word.find('=');
        p.name = word.substr(0, eq);
        if (eq != std::string::npos) {
            p.value = word.substr(eq + 1);
            p.has_value = true;
        }
        params.push_back(std::move(p));
        word.clear();
    };

    for (char c : cmdline) {
        if (c == '"') {
            in_quote = !in_quote;
            in_word = true;
        } else if (is_space(c) && !in_quote) {
            finish();
            if (!params.empty() && params.back().name == "--" && !params.back().has_value) {
                params.pop_back();
                return params;
            }
        } else {
            word += c;
            in_word = true;
        }
    }
    finish();
    if (!params.empty() && params.back().name == "--" && !params.back().has_value) {
        params.pop_back();
    }
    return params;
}

void judge_dm_verity(std::string_view cmdline, std::string_view source, findings& out) {
    const auto params = parse_kernel_cmdline(cmdline);
    const std::string where = " (" + std::string(source) + ")";

    auto root = last_value(params, "root");
    out.observe(std::string(source), "root=" + escaped(root.value_or("<unset>")));
    if (root != "/dev/dm-0") {
        out.fail("the kernel mounts root=" + escaped(root.value_or("<unset>")) +
                 ", expected /dev/dm-0" + where);
    }

    auto create = last_value(params, "dm-mod.create");
    out.observe(std::string(source), "dm-mod.create=" + escaped(create.value_or("<unset>")));
    if (!create) {
        out.fail("the kernel command line has no dm-mod.create, so no verity device is set up" +
                 where);
        return;
    }
    judge_root_device(*create, source, out);
}

}  // namespace bottlerocket_os
