// The local Hugging Face cache (model/hub_cache.h): where it is, hf:ORG/NAME[@REV] resolved to its snapshot, and
// the listing, on a hand-made cache in huggingface_hub's layout (blobs, snapshot links, refs) built from the
// interop fixtures.
#include <ATen/ATen.h>

#include <QtTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/hub_cache.h"
#include "model/model_source.h"

namespace fs = std::filesystem;

namespace {

const std::string kCommit = "0123456789abcdef0123456789abcdef01234567";
const std::string kOlder = "89abcdef0123456789abcdef0123456789abcdef";

std::string fixture(const std::string& name) { return std::string(VITLENS_FIXTURES_DIR) + "/interop/" + name; }

void writeText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// CACHE/models--ORG--NAME with each file stored once as a blob and linked from snapshots/COMMIT, as
// huggingface_hub does; refs/main names the commit.
void addRepo(const fs::path& cache, const std::string& folder, const std::string& commit,
             const std::vector<std::pair<std::string, fs::path>>& files, bool mainRef = true) {
  const fs::path repo = cache / folder;
  int blob = 0;
  for (const auto& [name, source] : files) {
    const std::string etag = commit.substr(0, 8) + "blob" + std::to_string(blob++);
    fs::create_directories(repo / "blobs");
    fs::copy_file(source, repo / "blobs" / etag, fs::copy_options::overwrite_existing);
    fs::create_directories(repo / "snapshots" / commit);
    fs::create_symlink(fs::path("../../blobs") / etag, repo / "snapshots" / commit / name);
  }
  if (mainRef) writeText(repo / "refs" / "main", commit);
}

}  // namespace

class TestHubCache : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void cacheLocationFollowsTheEnvironment();
  void referencesAreParsed_data();
  void referencesAreParsed();
  void referencesResolveToSnapshots();
  void listsWhatVitlensOpens();
  void hubModelsLoadLikeTheirFolder();

 private:
  QTemporaryDir dir_;
  fs::path cache_;
};

void TestHubCache::initTestCase() {
  QVERIFY(dir_.isValid());
  cache_ = fs::path(dir_.path().toStdString()) / "hub";
  const fs::path texts = fs::path(dir_.path().toStdString()) / "texts";
  writeText(texts / "bert.json", R"({"model_type": "bert", "architectures": ["BertModel"]})");
  writeText(texts / "vit.json", R"({"model_type": "vit", "architectures": ["ViTForImageClassification"]})");
  writeText(texts / "weights.bin", "pickled weights stand-in");
  addRepo(cache_, "models--timm--vit_test", kCommit,
          {{"model.safetensors", fixture("timm_token") + "/model.safetensors"},
           {"config.json", fixture("timm_token") + "/config.json"}});
  addRepo(cache_, "models--timm--vit_test", kOlder,
          {{"model.safetensors", fixture("timm_token") + "/model.safetensors"},
           {"config.json", fixture("timm_token") + "/config.json"}},
          /*mainRef=*/false);
  writeText(cache_ / "models--timm--vit_test" / "refs" / "v1", kOlder);
  addRepo(cache_, "models--org--hf-vit", kCommit,
          {{"model.safetensors", fixture("hf_classifier") + "/model.safetensors"},
           {"config.json", fixture("hf_classifier") + "/config.json"}});
  addRepo(
      cache_, "models--org--bert", kCommit,
      {{"model.safetensors", fixture("hf_classifier") + "/model.safetensors"}, {"config.json", texts / "bert.json"}});
  addRepo(cache_, "models--org--pickled", kCommit,
          {{"pytorch_model.bin", texts / "weights.bin"}, {"config.json", texts / "vit.json"}});
  fs::create_directories(cache_ / "datasets--org--images" / "snapshots" / kCommit);  // not a model
  ::setenv("HF_HUB_CACHE", cache_.c_str(), 1);
}

void TestHubCache::cacheLocationFollowsTheEnvironment() {
  ::setenv("HOME", "/home/someone", 1);
  ::setenv("XDG_CACHE_HOME", "/xdg", 1);
  ::setenv("HF_HOME", "/hf", 1);
  QCOMPARE(vitlens::hubCacheDir(), cache_.string());  // HF_HUB_CACHE first
  ::unsetenv("HF_HUB_CACHE");
  QCOMPARE(vitlens::hubCacheDir(), std::string("/hf/hub"));
  ::unsetenv("HF_HOME");
  QCOMPARE(vitlens::hubCacheDir(), std::string("/xdg/huggingface/hub"));
  ::unsetenv("XDG_CACHE_HOME");
  QCOMPARE(vitlens::hubCacheDir(), std::string("/home/someone/.cache/huggingface/hub"));
  ::setenv("HF_HUB_CACHE", cache_.c_str(), 1);
}

void TestHubCache::referencesAreParsed_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("repo");  // empty: refused
  QTest::addColumn<QString>("revision");
  QTest::newRow("default main") << "hf:google/vit-base-patch16-224"
                                << "google/vit-base-patch16-224"
                                << "main";
  QTest::newRow("revision") << "hf:timm/vit_small_patch14_reg4_dinov2.lvd142m@v1"
                            << "timm/vit_small_patch14_reg4_dinov2.lvd142m"
                            << "v1";
  QTest::newRow("no org") << "hf:vit"
                          << ""
                          << "";
  QTest::newRow("empty") << "hf:"
                         << ""
                         << "";
  QTest::newRow("three parts") << "hf:a/b/c"
                               << ""
                               << "";
  QTest::newRow("empty revision") << "hf:a/b@"
                                  << ""
                                  << "";
  QTest::newRow("climbing out") << "hf:a/..@main"
                                << ""
                                << "";
  QTest::newRow("space") << "hf:a/b c"
                         << ""
                         << "";
}

void TestHubCache::referencesAreParsed() {
  QFETCH(QString, text);
  QFETCH(QString, repo);
  QFETCH(QString, revision);
  if (repo.isEmpty()) {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vitlens::parseHubReference(text.toStdString()));
    return;
  }
  const vitlens::HubReference reference = vitlens::parseHubReference(text.toStdString());
  QCOMPARE(QString::fromStdString(reference.repo), repo);
  QCOMPARE(QString::fromStdString(reference.revision), revision);
}

void TestHubCache::referencesResolveToSnapshots() {
  const std::string cache = cache_.string();
  const std::string repo = (cache_ / "models--timm--vit_test" / "snapshots").string();
  QCOMPARE(vitlens::resolveHubSnapshot({"timm/vit_test", "main"}, cache), repo + "/" + kCommit);
  QCOMPARE(vitlens::resolveHubSnapshot({"timm/vit_test", "v1"}, cache), repo + "/" + kOlder);
  QCOMPARE(vitlens::resolveHubSnapshot({"timm/vit_test", kOlder}, cache), repo + "/" + kOlder);  // a commit
  try {
    vitlens::resolveHubSnapshot({"google/vit-base-patch16-224", "main"}, cache);
    QFAIL("a repository that is not in the cache must be refused");
  } catch (const std::runtime_error& e) {
    const QString message = QString::fromUtf8(e.what());
    QVERIFY2(message.contains("not in the Hugging Face cache") && message.contains(QString::fromStdString(cache)) &&
                 message.contains("huggingface-cli download google/vit-base-patch16-224"),
             qPrintable(message));
  }
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, vitlens::resolveHubSnapshot({"timm/vit_test", "v2"}, cache));
}

void TestHubCache::listsWhatVitlensOpens() {
  const std::vector<vitlens::CachedModel> models = vitlens::listCachedModels(cache_.string());
  QCOMPARE(models.size(), size_t(5));  // the dataset is not a model
  QStringList seen;
  for (const auto& m : models) seen << QString::fromStdString(m.repo + " " + (m.supported ? "yes" : "no: " + m.reason));
  QCOMPARE(seen,
           (QStringList{"org/bert no: BertModel is not a ViT", "org/hf-vit yes",
                        "org/pickled no: only pickled weights (.bin), which vitlens never loads: they can run code",
                        "timm/vit_test yes", "timm/vit_test yes"}));
  const vitlens::CachedModel& hf = models[1];
  QCOMPARE(hf.library, std::string("transformers"));
  QCOMPARE(hf.architecture, std::string("ViTForImageClassification"));
  QCOMPARE(hf.revisions, std::vector<std::string>{"main"});
  QCOMPARE(hf.reference(), std::string("hf:org/hf-vit@main"));
  QCOMPARE(hf.bytes, static_cast<uint64_t>(fs::file_size(fixture("hf_classifier") + "/model.safetensors") +
                                           fs::file_size(fixture("hf_classifier") + "/config.json")));
  QCOMPARE(models[3].library, std::string("timm"));
  QCOMPARE(models[3].architecture, std::string("vit_tiny_test_patch8_32"));
  QVERIFY(models[3].revisions == std::vector<std::string>{"main"} ||
          models[4].revisions == std::vector<std::string>{"main"});
  QVERIFY(vitlens::listCachedModels((cache_ / "absent").string()).empty());
}

void TestHubCache::hubModelsLoadLikeTheirFolder() {
  at::NoGradGuard noGrad;
  const at::Tensor input = at::randn({1, 3, 32, 32});
  auto viaHub = vitlens::loadAnyModel("hf:timm/vit_test", at::kCPU);
  auto viaFolder = vitlens::loadAnyModel(fixture("timm_token"), at::kCPU);
  QVERIFY(at::equal(viaHub.model->forward(input).logits, viaFolder.model->forward(input).logits));
  auto transformers = vitlens::loadAnyModel("hf:org/hf-vit@main", at::kCPU);
  QCOMPARE(transformers.meta.config.numClasses,
           vitlens::loadAnyModel(fixture("hf_classifier"), at::kCPU).meta.config.numClasses);
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, vitlens::loadAnyModel("hf:org/absent", at::kCPU));
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, vitlens::loadAnyModel("hf:bad", at::kCPU));
}

QTEST_GUILESS_MAIN(TestHubCache)
#include "tst_hub_cache.moc"
