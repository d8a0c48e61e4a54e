// The MCP revisions this server speaks, and the _meta keys of the 2026-07-28 request envelope.
#pragma once
#include <algorithm>
#include <array>
#include <string_view>

namespace mcp::versions {

inline constexpr std::string_view kModern = "2026-07-28";
inline constexpr std::string_view kLegacyLatest = "2025-11-25";
/// The only revision that allowed JSON-RPC batches.
inline constexpr std::string_view kBatchVersion = "2025-03-26";
inline constexpr std::array<std::string_view, 4> kLegacy = {"2025-11-25", "2025-06-18", "2025-03-26",
                                                           "2024-11-05"};

inline bool is_legacy(std::string_view v) { return std::find(kLegacy.begin(), kLegacy.end(), v) != kLegacy.end(); }
inline bool is_modern(std::string_view v) { return v == kModern; }

inline constexpr const char* kMetaProtocolVersion = "io.modelcontextprotocol/protocolVersion";
inline constexpr const char* kMetaClientCapabilities = "io.modelcontextprotocol/clientCapabilities";
inline constexpr const char* kMetaClientInfo = "io.modelcontextprotocol/clientInfo";
inline constexpr const char* kMetaLogLevel = "io.modelcontextprotocol/logLevel";
inline constexpr const char* kMetaServerInfo = "io.modelcontextprotocol/serverInfo";

}  // namespace mcp::versions
