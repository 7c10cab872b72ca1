-- wrk script: each request asks for a random user of u0 .. u<n-1> (with a random seed where the path takes one).
-- Arguments after "--": a path format with %d for the user (and a second %d for a seed), and n.
local format, users, seeded
function init(args)
  format = args[1]
  users = tonumber(args[2])
  local _, count = string.gsub(format, "%%d", "")
  seeded = count > 1
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end
function request()
  local user = math.random(0, users - 1)
  local path = seeded and string.format(format, user, math.random(1, 1000000)) or string.format(format, user)
  return wrk.format("GET", path)
end
