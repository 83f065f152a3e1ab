// store_x2: computes x2 (char_transformer.cell:57)
// one thread per four elements along the last axis of [T, B, 128]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 32u * sizes.B * sizes.T) { return; }
  let i2 = id % 32u;
  let rest = id / 32u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let x1 = work_buf[275u * sizes.B * sizes.T + 1u + 5u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 32u + i2];
  let matmul147 = work_buf[19u * sizes.B * sizes.T + 1u + ((i0) * sizes.B + i1) * 32u + i2];
  let add148 = (x1 + matmul147);
  let layer0_linear2_bias = params_buf[59680u + i2];
  let x2 = (add148 + layer0_linear2_bias);
  work_buf[115u * sizes.B * sizes.T + 1u + 5u * sizes.B * sizes.T * sizes.T + ((i0) * sizes.B + i1) * 32u + i2] = x2;
}
