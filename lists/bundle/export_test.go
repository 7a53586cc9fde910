package bundle

// EncodeHeader lets the tests (package bundle_test, which imports
// lists/publish to sign) write headers that lie.
var EncodeHeader = encodeHeader

var CivilDate = civilDate
