-- wrk script: the shop app's page routes in turn (a product page, a catalog page, a category
-- page, a customer page with its orders, an order page), on the seeded ids, the same sequence in
-- every run.
local paths = {}
local sorts = { "name", "price", "stock" }
local slugs = { "kitchen", "garden", "books", "music", "outdoor", "office" }
for i = 0, 299 do
  paths[#paths + 1] = "/products/" .. (1 + (i * 37) % 300)
  paths[#paths + 1] = "/catalog?page=" .. (i % 13) .. "&sort=" .. sorts[1 + i % 3]
  paths[#paths + 1] = "/catalog/" .. slugs[1 + i % 6] .. "?sort=" .. sorts[1 + (i + 1) % 3]
  paths[#paths + 1] = "/customers/" .. (1 + (i * 53) % 200)
  paths[#paths + 1] = "/orders/" .. (1 + (i * 71) % 700)
end
local next = 1

request = function()
  local path = paths[next]
  next = next % #paths + 1
  return wrk.format("GET", path)
end
