#include "core/result_record.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

namespace scanner::core {

namespace {

using json = nlohmann::json;

std::string frame(const std::string& payload) {
    auto length = static_cast<uint32_t>(payload.size());
    std::string framed(sizeof length, '\0');
    std::memcpy(framed.data(), &length, sizeof length);
    framed += payload;
    return framed;
}

std::string dump(const json& doc) {
    // Evidence and output carry bytes from the target and the plugin; they must not throw here.
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Reads the string member `key` of `doc` into `out`; false when it is absent or not a string.
bool read_string(const json& doc, const char* key, std::string& out) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}

bool read_strings(const json& doc, const char* key, std::vector<std::string>& out) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_array()) return false;
    for (const auto& item : *it) {
        if (!item.is_string()) return false;
        out.push_back(item.get<std::string>());
    }
    return true;
}

bool read_evidence(const json& doc, std::vector<evidence>& out) {
    auto it = doc.find("evidence");
    if (it == doc.end() || !it->is_array()) return false;
    for (const auto& item : *it) {
        if (!item.is_object()) return false;
        evidence e;
        if (!read_string(item, "source", e.source) || !read_string(item, "observed", e.observed)) {
            return false;
        }
        out.push_back(std::move(e));
    }
    return true;
}

bool read_mode(const json& doc, std::optional<check_mode>& out) {
    auto it = doc.find("mode");
    if (it == doc.end()) return false;
    if (it->is_null()) return true;
    if (!it->is_string()) return false;
    const auto& text = it->get_ref<const std::string&>();
    if (text == to_string(check_mode::automatic)) {
        out = check_mode::automatic;
    } else if (text == to_string(check_mode::manual)) {
        out = check_mode::manual;
    } else {
        return false;
    }
    return true;
}

std::variant<worker_record, std::string> decode_result(const json& doc) {
    worker_record record;
    auto check = doc.find("check");
    if (check == doc.end() || !check->is_number_unsigned()) return "record has no check position";
    record.check = check->get<std::size_t>();

    check_result& r = record.result;
    std::string status_text;
    if (!read_string(doc, "status", status_text)) return "record has no status";
    auto verdict = parse_status(status_text);
    if (!verdict) return "record has an unknown status";
    r.verdict = *verdict;
    if (!read_string(doc, "reason", r.reason)) return "record has no reason";
    if (!read_evidence(doc, r.observations)) return "record has malformed evidence";
    if (!read_strings(doc, "accesses", r.accesses)) return "record has malformed accesses";
    if (!read_strings(doc, "notes", r.notes)) return "record has malformed notes";
    if (!read_strings(doc, "benchmark_notes", r.benchmark_notes)) {
        return "record has malformed benchmark notes";
    }
    if (!read_mode(doc, r.mode)) return "record has a malformed mode";
    auto duration = doc.find("duration_ns");
    if (duration == doc.end() || !duration->is_number_unsigned()) return "record has no duration";
    auto nanoseconds = duration->get<uint64_t>();
    if (nanoseconds > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return "record has an impossible duration";
    }
    r.duration = std::chrono::nanoseconds(static_cast<int64_t>(nanoseconds));
    if (!read_string(doc, "output", record.output)) return "record has no output";
    auto finished = doc.find("finished_ns");
    if (finished == doc.end() || !finished->is_number_unsigned()) {
        return "record has no finishing time";
    }
    auto finished_ns = finished->get<uint64_t>();
    if (finished_ns > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return "record has an impossible finishing time";
    }
    record.finished = std::chrono::steady_clock::time_point(
        std::chrono::nanoseconds(static_cast<int64_t>(finished_ns)));
    return record;
}

}  // namespace

std::string encode_result_record(std::size_t check, const check_result& result,
                                 std::string_view output,
                                 std::chrono::steady_clock::time_point finished) {
    auto finished_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(finished.time_since_epoch()).count();
    json evidence = json::array();
    for (const auto& e : result.observations) {
        evidence.push_back({{"source", e.source}, {"observed", e.observed}});
    }
    json doc{
        {"kind", "result"},
        {"check", check},
        {"status", to_string(result.verdict)},
        {"reason", result.reason},
        {"evidence", std::move(evidence)},
        {"accesses", result.accesses},
        {"notes", result.notes},
        {"benchmark_notes", result.benchmark_notes},
        {"mode", result.mode ? json(to_string(*result.mode)) : json(nullptr)},
        {"duration_ns", static_cast<uint64_t>(std::max<int64_t>(result.duration.count(), 0))},
        {"output", std::string(output)},
        {"finished_ns", static_cast<uint64_t>(std::max<int64_t>(finished_ns, 0))},
    };
    return frame(dump(doc));
}

std::string encode_memory_record() { return frame(dump(json{{"kind", "memory_exhausted"}})); }

std::variant<worker_record, std::string> decode_record(std::string_view payload) {
    json doc = json::parse(payload.begin(), payload.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return "record is not a JSON object";
    std::string kind;
    if (!read_string(doc, "kind", kind)) return "record has no kind";
    if (kind == "memory_exhausted") {
        worker_record record;
        record.what = worker_record::kind::memory_exhausted;
        return record;
    }
    if (kind != "result") return "record has an unknown kind";
    return decode_result(doc);
}

void record_stream::append(std::string_view bytes) {
    if (!error_.empty()) return;
    // Drop what was consumed before growing, so the buffer holds at most one record and a bit.
    if (offset_ > 0 && offset_ >= buffer_.size() / 2) {
        buffer_.erase(0, offset_);
        offset_ = 0;
    }
    buffer_.append(bytes);
}

std::optional<std::string> record_stream::next() {
    if (!error_.empty()) return std::nullopt;
    uint32_t length = 0;
    if (pending() < sizeof length) return std::nullopt;
    std::memcpy(&length, buffer_.data() + offset_, sizeof length);
    if (length > max_record_bytes) {
        error_ = "record of " + std::to_string(length) + " bytes exceeds the limit of " +
                 std::to_string(max_record_bytes);
        return std::nullopt;
    }
    if (pending() - sizeof length < length) return std::nullopt;
    std::string payload = buffer_.substr(offset_ + sizeof length, length);
    offset_ += sizeof length + length;
    return payload;
}

}  // namespace scanner::core
