// Writes an untrained model: the starting point for training, and a real file for trying the tools.
#include <iostream>

#include "commands.h"
#include "engine/engine.h"

namespace vitlens::cli {

int runInit(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"force"}, {"preset", "out", "seed", "dtype"});
  if (!args.positionals().empty()) throw UsageError("init takes no positional arguments");
  const auto out = args.value("out");
  if (!out) throw UsageError("init needs --out FILE");
  ModelMeta meta;
  try {
    meta.config = VitConfig::preset(args.valueOr("preset", "cifar-seed"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const std::string dtype = args.valueOr("dtype", "float32");
  if (dtype != "float32" && dtype != "float16" && dtype != "bfloat16") {
    throw UsageError("--dtype must be float32, float16 or bfloat16");
  }
  const int seed = args.intValue("seed", 0, 0, 2147483647);
  checkWritable(*out, args.has("force"));

  meta.name = args.valueOr("preset", "cifar-seed") + " (untrained)";
  if (meta.config.numClasses == 10) {
    meta.labels = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
  }
  meta.provenance = {{"source", "vitlens-cli init"}, {"seed", std::to_string(seed)}, {"trained", "no"}};
  const int64_t parameters = writeUntrainedModel(*out, meta, static_cast<uint64_t>(seed), dtype);
  std::cout << "wrote " << *out << ": untrained " << args.valueOr("preset", "cifar-seed") << ", " << parameters
            << " parameters\n";
  return 0;
}

}  // namespace vitlens::cli
