# Writes a C++ source defining `std::string_view NAME()` that returns the bytes of INPUT verbatim,
# so a text asset (the MCP Apps view's HTML) ships inside the executable and stays an ordinary
# file in the source tree. Run at build time by add_custom_command (see src/apps/CMakeLists.txt):
#   cmake -DINPUT=file -DOUTPUT=file.cpp -DNAMESPACE=ns -DNAME=fn -P embed_text.cmake
file(READ "${INPUT}" content)
set(delimiter "embedded_text")
string(FIND "${content}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${delimiter}\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\n\n"
  "std::string_view ${NAME}() {\n"
  "  static constexpr std::string_view text = R\"${delimiter}(${content})${delimiter}\";\n"
  "  return text;\n"
  "}\n\n"
  "}  // namespace ${NAMESPACE}\n")
# Only a real change touches the output, so an unchanged view recompiles nothing.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
