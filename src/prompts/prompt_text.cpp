// Shared prompt wording.
#include "prompts/prompt_text.hpp"

namespace prompts {

std::string tool_call(std::string_view tool, const util::Json& arguments) {
  return "`" + std::string(tool) + "` " + (arguments.empty() ? std::string("{}") : arguments.dump());
}

std::string_view reading_rules() {
  return "How to read the figures:\n"
         "- Quote every entry of `warnings` that bears on what you report; never drop one silently.\n"
         "- Amounts are per currency. Never add or compare amounts in different currencies; "
         "report each currency on its own line.\n"
         "- A null figure is unknown, not zero (its warning says why). Say it is unknown; do not "
         "treat it as 0 or estimate it.\n"
         "- Money is exact to the cent: copy figures, do not round them until the final summary.\n"
         "- If a tool returns an error, say which figure is missing and why, and carry on with the rest.\n";
}

}  // namespace prompts
