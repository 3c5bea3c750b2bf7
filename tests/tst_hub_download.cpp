// Downloads from the hub (hub/hub_download.h) against tests/fixtures/hub_server.py on 127.0.0.1: the cache gets
// exactly huggingface_hub's layout, a cached model needs no request, and the faults a real network has (unknown
// repository, gated model, a redirect to another host, a dropped connection, a wrong size, Cancel) end cleanly.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "hub/hub_download.h"
#include "hub_test_server.h"
#include "model/hub_cache.h"
#include "model/model_source.h"

namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) { return std::string(VITLENS_FIXTURES_DIR) + "/interop/" + name; }

}  // namespace

class TestHubDownload : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void init();
  void downloadsInHuggingFaceHubsLayout();
  void faultsEndCleanly_data();
  void faultsEndCleanly();
  void redirectsAndResumes();
  void cancelLeavesNothingThatLooksComplete();
  void offlineNeverDownloads();

 private:
  vitlens::HubDownloadOptions options(const HubServer& server) const {
    vitlens::HubDownloadOptions o;
    o.endpoint = server.endpoint();
    o.cacheDir = cache_;
    o.token = "-";  // not the user's token: tests never read ~/.cache/huggingface/token
    return o;
  }

  QTemporaryDir dir_;
  QString root_;       // what the server serves: ROOT/ORG/NAME/FILE
  std::string cache_;  // a fresh HF_HUB_CACHE per test
};

void TestHubDownload::initTestCase() {
  QVERIFY(dir_.isValid());
  root_ = dir_.filePath(QStringLiteral("served"));
  const fs::path repo = fs::path(root_.toStdString()) / "timm" / "vit_test";
  fs::create_directories(repo);
  fs::copy_file(fixture("timm_token") + "/model.safetensors", repo / "model.safetensors");
  fs::copy_file(fixture("timm_token") + "/config.json", repo / "config.json");
  // A transformers checkpoint with its preprocessor file, as google/vit-base-patch16-224 is laid out.
  const fs::path google = fs::path(root_.toStdString()) / "google" / "vit-test";
  fs::create_directories(google);
  for (const char* file : {"model.safetensors", "config.json", "preprocessor_config.json"}) {
    fs::copy_file(fixture("hf_classifier") + "/" + file, google / file);
  }
  const fs::path pickled = fs::path(root_.toStdString()) / "org" / "pickled";
  fs::create_directories(pickled);
  std::ofstream(pickled / "config.json") << R"({"model_type": "vit"})";
  std::ofstream(pickled / "pytorch_model.bin") << "pickle";
  ::unsetenv("HF_HUB_OFFLINE");
}

void TestHubDownload::init() {
  static int count = 0;
  cache_ = dir_.filePath(QStringLiteral("cache%1").arg(++count)).toStdString();
}

void TestHubDownload::downloadsInHuggingFaceHubsLayout() {
  HubServer server(root_, dir_.path(), {});
  QVERIFY(server.running());
  const std::string snapshot = vitlens::downloadHubModel({"timm/vit_test", "main"}, options(server));
  const fs::path repo = fs::path(cache_) / "models--timm--vit_test";
  QCOMPARE(snapshot, (repo / "snapshots" / kCommit.toStdString()).string());
  QCOMPARE(QString::fromUtf8(readAll(QString::fromStdString((repo / "refs" / "main").string()))), kCommit);
  for (const char* file : {"config.json", "model.safetensors"}) {
    const fs::path link = fs::path(snapshot) / file;
    QVERIFY2(fs::is_symlink(link), file);
    const std::string target = fs::read_symlink(link).string();
    QVERIFY2(target.rfind("../../blobs/", 0) == 0, target.c_str());  // relative, as huggingface_hub links
    const QByteArray bytes = readAll(QString::fromStdString(link.string()));
    QCOMPARE(bytes, readAll(QString::fromStdString(fixture("timm_token") + "/" + file)));
    // The blob is named by the ETag: here the sha256 of the bytes, as the hub's LFS files are.
    QCOMPARE(QString::fromStdString(fs::path(target).filename().string()),
             QString(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
  }
  QVERIFY(!fs::exists(fs::path(snapshot) / "preprocessor_config.json"));  // optional: the repository has none
  QVERIFY(fs::is_regular_file(fs::path(cache_) / ".locks" / "models--timm--vit_test" /
                              (fs::read_symlink(fs::path(snapshot) / "config.json").filename().string() + ".lock")));
  // A transformers repository: its preprocessor_config.json comes too, and the model loads with its labels.
  const std::string google = vitlens::downloadHubModel({"google/vit-test", "main"}, options(server));
  QVERIFY(fs::is_symlink(fs::path(google) / "preprocessor_config.json"));
  ::setenv("HF_HUB_CACHE", cache_.c_str(), 1);
  const auto loaded = vitlens::loadAnyModel("hf:google/vit-test", torch::kCPU);
  QCOMPARE(loaded.meta.label(0), std::string("red"));
  ::unsetenv("HF_HUB_CACHE");
  // The cache as the listing and the loader see it.
  ::setenv("HF_HUB_CACHE", cache_.c_str(), 1);
  const std::vector<vitlens::CachedModel> models = vitlens::listCachedModels(cache_);
  QCOMPARE(models.size(), size_t(2));
  QVERIFY(models[0].supported && models[1].supported);
  // A second request comes from the cache: not one more request to the server.
  const int before = server.requests().size();
  QCOMPARE(vitlens::ensureHubModel({"timm/vit_test", "main"}), snapshot);
  QCOMPARE(server.requests().size(), before);
  ::unsetenv("HF_HUB_CACHE");
}

void TestHubDownload::faultsEndCleanly_data() {
  QTest::addColumn<QString>("repo");
  QTest::addColumn<QStringList>("flags");
  QTest::addColumn<QString>("message");
  QTest::newRow("unknown repository") << "timm/absent" << QStringList{} << "unknown repository";
  QTest::newRow("gated without a token") << "timm/vit_test" << QStringList{"--gated", "secret"}
                                         << "needs a Hugging Face token";
  QTest::newRow("only pickled weights") << "org/pickled" << QStringList{} << "has no model.safetensors";
  QTest::newRow("wrong size") << "timm/vit_test" << QStringList{"--wrong-size", "model.safetensors"}
                              << "nothing was kept";
}

void TestHubDownload::faultsEndCleanly() {
  QFETCH(QString, repo);
  QFETCH(QStringList, flags);
  QFETCH(QString, message);
  HubServer server(root_, dir_.path(), flags);
  QVERIFY(server.running());
  try {
    vitlens::downloadHubModel({repo.toStdString(), "main"}, options(server));
    QFAIL("the download should have failed");
  } catch (const vitlens::DownloadCancelled&) {
    QFAIL("not a cancellation");
  } catch (const std::runtime_error& e) {
    QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
  }
  // Nothing that looks like a complete model: no refs, no model.safetensors blob or link.
  const fs::path dir = fs::path(cache_) / vitlens::hubRepoFolder(repo.toStdString());
  QVERIFY(!fs::exists(dir / "refs" / "main"));
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    QVERIFY2(name != "model.safetensors" && name.find(".incomplete") == std::string::npos, name.c_str());
  }
  if (flags.contains("--gated")) {  // with the token it works
    vitlens::HubDownloadOptions withToken = options(server);
    withToken.token = "secret";
    QVERIFY(fs::is_directory(vitlens::downloadHubModel({repo.toStdString(), "main"}, withToken)));
  }
}

void TestHubDownload::redirectsAndResumes() {
  HubServer server(root_, dir_.path(), {"--cdn", "--drop-once", "model.safetensors"});
  QVERIFY(server.running());
  vitlens::HubDownloadOptions o = options(server);
  o.token = "secret";
  const std::string snapshot = vitlens::downloadHubModel({"timm/vit_test", "main"}, o);
  QCOMPARE(readAll(QString::fromStdString(snapshot + "/model.safetensors")),
           readAll(QString::fromStdString(fixture("timm_token") + "/model.safetensors")));
  const QStringList requests = server.requests();
  // The token went to the hub, never to the other host; the dropped transfer was resumed with a Range request.
  QVERIFY(!requests.filter(QStringLiteral("hub HEAD")).filter(QStringLiteral("auth=yes")).isEmpty());
  QVERIFY(requests.filter(QStringLiteral("cdn ")).filter(QStringLiteral("auth=yes")).isEmpty());
  QVERIFY2(!requests.filter(QStringLiteral("cdn GET /blob/timm/vit_test/model.safetensors range=bytes=")).isEmpty(),
           qPrintable(requests.join('\n')));
}

void TestHubDownload::cancelLeavesNothingThatLooksComplete() {
  HubServer server(root_, dir_.path(), {"--slow"});
  QVERIFY(server.running());
  QElapsedTimer timer;
  timer.start();
  bool sawBytes = false;
  QVERIFY_THROWS_EXCEPTION(
      vitlens::DownloadCancelled,
      vitlens::downloadHubModel({"timm/vit_test", "main"}, options(server), [&](const vitlens::DownloadProgress& p) {
        if (p.file == "model.safetensors" && p.done > 0) sawBytes = true;
        return !sawBytes;
      }));
  QVERIFY(timer.elapsed() < 5000);
  const fs::path repo = fs::path(cache_) / "models--timm--vit_test";
  QVERIFY(!fs::exists(repo / "refs" / "main"));
  QVERIFY(!fs::exists(repo / "snapshots" / kCommit.toStdString() / "model.safetensors"));
}

void TestHubDownload::offlineNeverDownloads() {
  HubServer server(root_, dir_.path(), {});
  QVERIFY(server.running());
  ::setenv("HF_HUB_OFFLINE", "1", 1);
  QVERIFY_THROWS_EXCEPTION(std::runtime_error, vitlens::downloadHubModel({"timm/vit_test", "main"}, options(server)));
  ::unsetenv("HF_HUB_OFFLINE");
  QVERIFY(server.requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestHubDownload)
#include "tst_hub_download.moc"
