// The scanner's reading of what a worker process sends (core::record_stream, core::decode_record):
// a crashed or hostile worker may send any bytes, and the scanner must refuse them with a reason.
// Every record decoded is encoded again and must decode to the same fields.
#include <cstdint>
#include <string_view>
#include <variant>

#include "core/result_record.hpp"
#include "fuzz/fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using scanner::core::worker_record;
    scanner::core::record_stream stream;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    // Fed in two pieces, as a pipe may deliver them.
    stream.append(bytes.substr(0, size / 2));
    while (stream.next()) {
    }
    stream.append(bytes.substr(size / 2));
    while (auto payload = stream.next()) {
        auto decoded = scanner::core::decode_record(*payload);
        auto* record = std::get_if<worker_record>(&decoded);
        if (record == nullptr || record->what != worker_record::kind::result) continue;
        auto again = scanner::core::encode_result_record(record->check, record->result,
                                                         record->output, record->finished);
        auto redecoded = scanner::core::decode_record(std::string_view(again).substr(4));
        auto* second = std::get_if<worker_record>(&redecoded);
        if (second == nullptr || second->check != record->check ||
            second->result.reason != record->result.reason ||
            second->result.observations != record->result.observations ||
            second->output != record->output || second->finished != record->finished) {
            __builtin_trap();
        }
    }
    return 0;
}
