<?php
// The router `php -S` runs for every request to a real-site snapshot (bench/realsites/serve.py).
// A file or directory that exists is left to the built-in server (it runs .php, sends the rest as
// files and finds a directory's index). Any other address goes to the site's index.php when the site
// rewrites every address to its front controller, as Apache's mod_rewrite does for it on the real host;
// otherwise it is a plain 404, as the real host would answer.
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (strpos($path, '..') === false && (is_file($root . $path) || is_dir($root . $path))) {
    return false;
}
if (getenv('REALSITES_FRONT_CONTROLLER') === '1' && is_file($root . '/index.php')) {
    $_SERVER['SCRIPT_NAME'] = '/index.php';
    $_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
    $_SERVER['PHP_SELF'] = '/index.php' . $path;
    $_SERVER['PATH_INFO'] = $path;
    chdir($root);
    require $root . '/index.php';
    return true;
}
http_response_code(404);
header('Content-Type: text/html; charset=utf-8');
echo "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>";
return true;
