// store_masked24: computes %24 (attention_luong.cell:30)
// one thread per element of [T, B, S]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.B * sizes.S * sizes.T) { return; }
  let i2 = id % sizes.S;
  let rest = id / sizes.S;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var scores = 0.0;
  for (var k = 0u; k < 16u; k++) {
    let transpose6 = work_buf[104u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + ((i1) * sizes.S + i2) * 16u + k];
    let matmul20 = work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 132u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 16u + k];
    let mul22 = (transpose6 * matmul20);
    scores += mul22;
  }
  let transpose7 = work_buf[104u * sizes.B * sizes.T + 36u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i1 * sizes.S + i2];
  let masked24 = select(-1.0000000150474662e+30, scores, transpose7 > 0.5);
  work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 132u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * sizes.S + i2] = masked24;
}
