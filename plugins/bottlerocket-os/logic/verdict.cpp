#include "verdict.hpp"

#include <cstdio>
#include <utility>

namespace bottlerocket_os {

namespace {

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) out += "; ";
        out += part;
    }
    return out;
}

}  // namespace

void findings::observe(std::string source, std::string observed) {
    evidence_.push_back({std::move(source), std::move(observed)});
}

void findings::fail(std::string reason) { failures_.push_back(std::move(reason)); }

void findings::unknown(std::string reason) { unknowns_.push_back(std::move(reason)); }

void findings::note(std::string text) { notes_.push_back(std::move(text)); }

verdict findings::decide(std::string_view pass_reason) const {
    verdict v;
    v.evidence = evidence_;
    v.notes = notes_;
    if (!failures_.empty()) {
        v.state = status::fail;
        v.reason = join(failures_);
        if (!unknowns_.empty()) v.reason += "; also not evaluated: " + join(unknowns_);
        return v;
    }
    if (!unknowns_.empty()) {
        v.state = status::error;
        v.reason = join(unknowns_);
        return v;
    }
    v.state = status::pass;
    v.reason = pass_reason;
    return v;
}

std::string escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", byte);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

std::string quoted(std::string_view text) { return "\"" + escaped(text) + "\""; }

}  // namespace bottlerocket_os
