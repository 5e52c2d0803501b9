// The records a worker sends the scanner: a round trip keeps every field, a stream cut anywhere
// reassembles, and anything malformed is refused with a reason instead of crashing the scanner.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <variant>

#include "core/result_record.hpp"

using scanner::core::check_mode;
using scanner::core::check_result;
using scanner::core::decode_record;
using scanner::core::record_stream;
using scanner::core::status;
using scanner::core::worker_record;

namespace {

check_result sample_result() {
    check_result r;
    r.verdict = status::fail;
    r.reason = "fs.suid_dumpable = 1, expected 0 (/proc/sys/fs/suid_dumpable)";
    r.observations = {{"/proc/sys/fs/suid_dumpable", "1"}, {"second", ""}};
    r.accesses = {"sysctl fs.suid_dumpable: 1"};
    r.notes = {"a note"};
    r.benchmark_notes = {"target is not Bottlerocket"};
    r.mode = check_mode::manual;
    r.duration = std::chrono::nanoseconds(123456);
    return r;
}

const auto finished_at = std::chrono::steady_clock::time_point(std::chrono::seconds(5));

std::string payload_of(const std::string& framed) { return framed.substr(4); }

std::string frame(const std::string& payload) {
    auto length = static_cast<uint32_t>(payload.size());
    std::string framed(4, '\0');
    std::memcpy(framed.data(), &length, 4);
    return framed + payload;
}

}  // namespace

TEST_CASE("a result record keeps every field of the result, its position and the output") {
    auto framed = scanner::core::encode_result_record(7, sample_result(), "printed\n", finished_at);
    auto decoded = decode_record(payload_of(framed));
    REQUIRE(std::holds_alternative<worker_record>(decoded));
    const auto& record = std::get<worker_record>(decoded);
    const auto expected = sample_result();
    CHECK(record.what == worker_record::kind::result);
    CHECK(record.check == 7);
    CHECK(record.output == "printed\n");
    CHECK(record.result.verdict == expected.verdict);
    CHECK(record.result.reason == expected.reason);
    CHECK(record.result.observations == expected.observations);
    CHECK(record.result.accesses == expected.accesses);
    CHECK(record.result.notes == expected.notes);
    CHECK(record.result.benchmark_notes == expected.benchmark_notes);
    CHECK(record.result.mode == expected.mode);
    CHECK(record.result.duration == expected.duration);
    CHECK(record.finished == finished_at);
}

TEST_CASE("a result that did not change its mode stays without one") {
    check_result r;
    r.verdict = status::pass;
    auto decoded =
        decode_record(payload_of(scanner::core::encode_result_record(0, r, "", finished_at)));
    REQUIRE(std::holds_alternative<worker_record>(decoded));
    CHECK_FALSE(std::get<worker_record>(decoded).result.mode.has_value());
}

TEST_CASE("bytes that are not UTF-8 are replaced, never refused") {
    check_result r;
    r.verdict = status::error;
    r.reason = "cannot read /etc/\xff\xfe\nname: Invalid argument";
    auto decoded =
        decode_record(payload_of(scanner::core::encode_result_record(0, r, "\xc3", finished_at)));
    REQUIRE(std::holds_alternative<worker_record>(decoded));
    const auto& record = std::get<worker_record>(decoded);
    CHECK(record.result.reason ==
          "cannot read /etc/\xef\xbf\xbd\xef\xbf\xbd\nname: Invalid argument");
    CHECK(record.output == "\xef\xbf\xbd");
}

TEST_CASE("the memory record decodes as such") {
    auto decoded = decode_record(payload_of(scanner::core::encode_memory_record()));
    REQUIRE(std::holds_alternative<worker_record>(decoded));
    CHECK(std::get<worker_record>(decoded).what == worker_record::kind::memory_exhausted);
}

TEST_CASE("malformed payloads are refused with a reason") {
    struct bad_case {
        const char* payload;
        const char* reason;
    };
    const bad_case cases[] = {
        // Not JSON at all.
        {"PASS", "record is not a JSON object"},
        // JSON, but not an object.
        {"[1,2]", "record is not a JSON object"},
        // No kind.
        {R"({"check":0})", "record has no kind"},
        // A kind nobody sends.
        {R"({"kind":"verdict"})", "record has an unknown kind"},
        // A negative position.
        {R"({"kind":"result","check":-1})", "record has no check position"},
        // A status outside the four.
        {R"({"kind":"result","check":0,"status":"MAYBE"})", "record has an unknown status"},
        // Evidence that is not source/observed pairs.
        {R"({"kind":"result","check":0,"status":"PASS","reason":"","evidence":[1]})",
         "record has malformed evidence"},
        // A mode that is neither.
        {R"({"kind":"result","check":0,"status":"PASS","reason":"","evidence":[],"accesses":[],)"
         R"("notes":[],"benchmark_notes":[],"mode":"Sometimes"})",
         "record has a malformed mode"},
        // A duration that would overflow.
        {R"({"kind":"result","check":0,"status":"PASS","reason":"","evidence":[],"accesses":[],)"
         R"("notes":[],"benchmark_notes":[],"mode":null,"duration_ns":18446744073709551615})",
         "record has an impossible duration"},
        // Everything but the output.
        {R"({"kind":"result","check":0,"status":"PASS","reason":"","evidence":[],"accesses":[],)"
         R"("notes":[],"benchmark_notes":[],"mode":null,"duration_ns":1})",
         "record has no output"},
        // Everything but the time the check finished.
        {R"({"kind":"result","check":0,"status":"PASS","reason":"","evidence":[],"accesses":[],)"
         R"("notes":[],"benchmark_notes":[],"mode":null,"duration_ns":1,"output":""})",
         "record has no finishing time"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.payload);
        auto decoded = decode_record(c.payload);
        REQUIRE(std::holds_alternative<std::string>(decoded));
        CHECK(std::get<std::string>(decoded) == c.reason);
    }
}

TEST_CASE("a stream reassembles records cut at every byte") {
    std::string stream = scanner::core::encode_result_record(0, sample_result(), "", finished_at) +
                         scanner::core::encode_memory_record() +
                         scanner::core::encode_result_record(1, sample_result(), "x", finished_at);
    for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
        CAPTURE(cut);
        record_stream s;
        std::size_t payloads = 0;
        s.append(std::string_view(stream).substr(0, cut));
        while (s.next()) ++payloads;
        s.append(std::string_view(stream).substr(cut));
        while (s.next()) ++payloads;
        CHECK(payloads == 3);
        CHECK(s.pending() == 0);
        CHECK(s.error().empty());
    }
}

TEST_CASE("a record announced larger than the limit stops the stream") {
    record_stream s;
    uint32_t huge = static_cast<uint32_t>(scanner::core::max_record_bytes + 1);
    std::string header(4, '\0');
    std::memcpy(header.data(), &huge, 4);
    s.append(header);
    CHECK_FALSE(s.next());
    CHECK(s.error().find("exceeds the limit") != std::string::npos);
    s.append(frame("{}"));
    CHECK_FALSE(s.next());
}

TEST_CASE("a partial record waits for the rest") {
    record_stream s;
    s.append(frame(R"({"kind":"memory_exhausted"})").substr(0, 10));
    CHECK_FALSE(s.next());
    CHECK(s.error().empty());
    CHECK(s.pending() == 10);
}
