#include <iostream>

#include "commands.h"
#include "engine/engine.h"
#include "util/message_text.h"

namespace vitlens::cli {

int runConvert(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"force"}, {"model", "out", "heads", "input-size", "labels", "dtype"});
  if (!args.positionals().empty()) throw UsageError("convert takes no positional arguments");
  const auto model = args.value("model");
  const auto out = args.value("out");
  if (!model) throw UsageError("convert needs --model PATH (a timm or Hugging Face checkpoint, file or folder)");
  if (!out) throw UsageError("convert needs --out FILE");
  const std::string dtype = args.valueOr("dtype", "float32");
  if (dtype != "float32" && dtype != "float16" && dtype != "bfloat16") {
    throw UsageError("--dtype must be float32, float16 or bfloat16");
  }
  checkWritable(*out, args.has("force"));
  ModelLoadOptions options = modelLoadOptions(args);
  options.dtype = ComputeDtype::Float32;  // --dtype here is the storage dtype of the written file
  const ConvertedModel converted = convertModel(resolveModelArgument(*model), *out, options, dtype);
  for (const std::string& note : converted.notes)
    std::cerr << "vitlens-cli: note: " << vitlens::displayText(note) << "\n";
  std::cout << *out << ": " << converted.summary << "\n";
  return 0;
}

}  // namespace vitlens::cli
