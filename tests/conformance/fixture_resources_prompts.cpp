// Fixture resources, prompts and completions (see fixture.hpp).
#include "fixture.hpp"

namespace fixture {

using mcp::Json;
using mcp::Reply;
using mcp::ToolContext;

namespace {

Json text_message(std::string text) {
  return Json{{"role", "user"}, {"content", {{"type", "text"}, {"text", std::move(text)}}}};
}

mcp::Resource text_resource(std::string uri, std::string name, std::string description, std::string text) {
  mcp::Resource r;
  r.uri = std::move(uri);
  r.name = std::move(name);
  r.description = std::move(description);
  r.mime_type = "text/plain";
  r.read = [text = std::move(text)](const std::string& uri, ToolContext&) {
    return Reply::ok(Json{{"contents", Json::array({Json{{"uri", uri}, {"mimeType", "text/plain"}, {"text", text}}})}});
  };
  return r;
}

}  // namespace

mcp::ResourceRegistry make_resources() {
  mcp::ResourceRegistry resources;
  resources.add(text_resource("test://static-text", "static-text", "A static text resource",
                              "This is the content of the static text resource."));
  mcp::Resource binary;
  binary.uri = "test://static-binary";
  binary.name = "static-binary";
  binary.description = "A static binary resource (a 1x1 PNG)";
  binary.mime_type = "image/png";
  binary.read = [](const std::string& uri, ToolContext&) {
    return Reply::ok(Json{{"contents", Json::array({Json{{"uri", uri}, {"mimeType", "image/png"}, {"blob", kRedPixelPng}}})}});
  };
  resources.add(std::move(binary));
  resources.add(text_resource("test://watched-resource", "watched-resource", "A resource clients may subscribe to",
                              "This resource can be watched for updates."));

  mcp::ResourceTemplate data;
  data.uri_template = "test://template/{id}/data";
  data.name = "template-data";
  data.description = "Data for an id, from a URI template";
  data.mime_type = "application/json";
  data.read = [](const std::string& uri, const std::map<std::string, std::string>& vars, ToolContext&) {
    const std::string id = vars.at("id");
    Json payload{{"id", id}, {"templateTest", true}, {"data", "Data for ID: " + id}};
    return Reply::ok(Json{{"contents", Json::array({Json{{"uri", uri}, {"mimeType", "application/json"}, {"text", payload.dump()}}})}});
  };
  resources.add_template(std::move(data));
  resources.set_subscribable(true);
  return resources;
}

mcp::PromptRegistry make_prompts() {
  mcp::PromptRegistry prompts;
  mcp::Prompt simple;
  simple.name = "test_simple_prompt";
  simple.description = "A simple prompt without arguments";
  simple.get = [](const std::map<std::string, std::string>&, ToolContext&) {
    return Reply::ok(Json{{"messages", Json::array({text_message("This is a simple prompt for testing.")})}});
  };
  prompts.add(std::move(simple));

  mcp::Prompt with_args;
  with_args.name = "test_prompt_with_arguments";
  with_args.description = "A prompt with two required arguments";
  with_args.arguments = {{"arg1", "First test argument", true}, {"arg2", "Second test argument", true}};
  with_args.get = [](const std::map<std::string, std::string>& args, ToolContext&) {
    return Reply::ok(Json{{"messages", Json::array({text_message("Prompt with arguments: arg1='" + args.at("arg1") +
                                                                 "', arg2='" + args.at("arg2") + "'")})}});
  };
  prompts.add(std::move(with_args));

  mcp::Prompt embedded;
  embedded.name = "test_prompt_with_embedded_resource";
  embedded.description = "A prompt embedding a resource";
  embedded.arguments = {{"resourceUri", "URI of the resource to embed", true}};
  embedded.get = [](const std::map<std::string, std::string>& args, ToolContext&) {
    Json resource{{"role", "user"},
                  {"content", {{"type", "resource"},
                               {"resource", {{"uri", args.at("resourceUri")},
                                             {"mimeType", "text/plain"},
                                             {"text", "Embedded resource content for testing."}}}}}};
    return Reply::ok(Json{{"messages", Json::array({resource, text_message("Please process the embedded resource above.")})}});
  };
  prompts.add(std::move(embedded));

  mcp::Prompt image;
  image.name = "test_prompt_with_image";
  image.description = "A prompt with an image";
  image.get = [](const std::map<std::string, std::string>&, ToolContext&) {
    Json picture{{"role", "user"}, {"content", {{"type", "image"}, {"data", kRedPixelPng}, {"mimeType", "image/png"}}}};
    return Reply::ok(Json{{"messages", Json::array({picture, text_message("Please analyze the image above.")})}});
  };
  prompts.add(std::move(image));
  return prompts;
}

mcp::CompletionHandler make_completion() {
  return [](const Json& ref, const Json& argument, const Json&, ToolContext&) {
    static const std::vector<std::string> kWords = {"paris", "park", "party", "test", "testing", "tested"};
    Json values = Json::array();
    const std::string prefix = argument.value("value", std::string());
    if (ref.value("type", std::string()) == "ref/prompt" || ref.value("type", std::string()) == "ref/resource") {
      for (const auto& w : kWords) {
        if (w.rfind(prefix, 0) == 0) values.push_back(w);
      }
    }
    const auto total = values.size();
    return Reply::ok(Json{{"completion", {{"values", std::move(values)}, {"total", total}, {"hasMore", false}}}});
  };
}

}  // namespace fixture
