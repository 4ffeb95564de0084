-- wrk script: every request posts one web question to the episode given as EPISODE in the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"Nguyễn Văn Bình","locality":"Xã Mỹ Yên, huyện Bến Lức","phone":"0912345678",'
  .. '"text":"Bao giờ ấp Bình Hoà có nước sạch sinh hoạt? Điện có ổn định không?","consent":true}'
wrk.path = "/api/episodes/" .. os.getenv("EPISODE") .. "/questions"
